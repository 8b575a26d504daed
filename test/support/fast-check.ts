import fc from 'fast-check';

// Every property test imports fast-check from here, so that every run is
// reproducible: a fixed seed by default (a red CI run fails the same way
// locally), FC_SEED=<integer> to replay a given seed, FC_SEED=random to
// explore with a new seed. A failure always prints the seed and how to
// replay it.

const DEFAULT_SEED = 20261201;

function chooseSeed(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 0x7fffffff);
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${JSON.stringify(raw)}`);
  return seed;
}

/** The seed every property in this run starts from. */
export const FC_SEED = chooseSeed(process.env.FC_SEED);

fc.configureGlobal({
  seed: FC_SEED,
  // A synchronous reporter serves fc.assert on sync and async properties alike.
  reporter(details) {
    if (!details.failed) return;
    const message = fc.defaultReportMessage(details) ?? 'Property failed';
    throw new Error(`${message}\nReplay with FC_SEED=${details.seed} (the run's seed was ${FC_SEED}).`);
  },
});

export { fc };
