import { describeValue } from '../../internal/ascii';
import { functionOption, integerOption, optionsObject } from '../../internal/options';
import { stats as defaultStats, Stats } from '../../views';

/** Options of `rpczHandler` (and of `startServer({ rpcz: { … } })`, where `stats` is the exporter's). */
export interface RpczOptions {
  /** Whose gRPC views the page reads. Default: the process-wide `stats`. */
  stats?: Stats;
  /** Rows shown per side, the busiest first; the rest are counted in one line. Default 20. */
  topN?: number;
  /**
   * Methods followed one by one per side, first seen first; later ones share
   * one "(other methods)" row. Bounds the page's memory: about 75 KiB per
   * busy method and side (see docs/watching-live.md). Default 50.
   */
  maxMethods?: number;
  /** Seconds between automatic reloads of the HTML page; 0 turns them off. Default 5. */
  refreshSeconds?: number;
  /** The clock, in ms since the epoch (tests step it). Default `Date.now`. */
  now?: () => number;
}

/** The options with their defaults applied. */
export type ResolvedRpczOptions = Required<RpczOptions>;

const KNOWN = ['stats', 'topN', 'maxMethods', 'refreshSeconds', 'now'] as const;

/** Checks `options` at construction: unknown keys and wrong types are `TypeError`s naming `where` and the option. */
export function checkRpczOptions(options: unknown, where = 'rpczHandler'): ResolvedRpczOptions {
  const o = optionsObject(options, where, KNOWN);
  if (o.stats !== undefined && !(o.stats instanceof Stats)) throw new TypeError(`${where}: option stats must be a Stats, got ${describeValue(o.stats)}`);
  return {
    stats: (o.stats as Stats | undefined) ?? defaultStats,
    topN: integerOption(o, 'topN', where, 20, 1),
    maxMethods: integerOption(o, 'maxMethods', where, 50, 1, 100_000),
    refreshSeconds: integerOption(o, 'refreshSeconds', where, 5, 0, 86_400),
    now: functionOption<() => number>(o, 'now', where) ?? Date.now,
  };
}
