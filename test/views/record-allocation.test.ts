import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Aggregation, Measure, Stats, TagMap, View } from '../../src';

// recordValue with a reused TagMap and an existing row must allocate nothing.
// Measured as the growth of V8's young generation (where every short-lived JS
// object is born) over many calls, right after a full GC, so that no scavenge
// can run during the loop and hide garbage. The smallest of several rounds
// is kept: a stray allocation by the engine itself (feedback, a compiled
// function) shows up in one round, a per-call allocation in all of them.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CALLS = 10_000;
const ROUNDS = 5;

function youngBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
}

/** The fewest bytes `fn` allocated per call, over ROUNDS rounds of CALLS calls. */
function bytesPerCall(fn: (i: number) => void): number {
  for (let i = 0; i < CALLS; i++) fn(i); // warm up: rows, row keys, inline caches
  let least = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    gc();
    const free = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_available_size;
    // The loop must fit in the young generation even at 64 bytes a call, else a scavenge could hide it.
    expect(free).toBeGreaterThan(CALLS * 64);
    const before = youngBytes();
    for (let i = 0; i < CALLS; i++) fn(i);
    least = Math.min(least, (youngBytes() - before) / CALLS);
  }
  return least;
}

describe('recordValue allocation', () => {
  const floats = Measure.float64('test/alloc/floats', 'alloc', 'ms');
  const ints = Measure.int64('test/alloc/ints', 'alloc', 'By');
  const stats = new Stats();
  stats.registerView(
    new View({ name: 'test/alloc/dist', measure: floats, aggregation: Aggregation.distribution([1, 2, 4, 8], { percentiles: false }), tagKeys: ['a', 'b'] }),
    new View({ name: 'test/alloc/count', measure: floats, aggregation: Aggregation.count(), tagKeys: ['a'] }),
    new View({ name: 'test/alloc/sum', measure: ints, aggregation: Aggregation.sum(), tagKeys: ['b'] }),
    new View({ name: 'test/alloc/last', measure: ints, aggregation: Aggregation.lastValue() }),
  );
  const tags = TagMap.from({ a: 'x', b: 'y', other: 'z' });

  it('allocates 0 bytes per call with a reused TagMap (tolerance far below one 16-byte object)', () => {
    const bytes = bytesPerCall((i) => {
      stats.recordValue(floats, i & 15, tags);
      stats.recordValue(ints, i * 1.5, tags);
    });
    expect(bytes).toBeLessThan(2);
  });

  it('the measurement sees a real allocation of one small object per call', () => {
    let sink: { v: number } | undefined;
    const bytes = bytesPerCall((i) => {
      stats.recordValue(floats, i & 15, tags);
      sink = { v: i }; // escapes, so V8 cannot optimise it away: one object (16 bytes or more) per call
    });
    expect(sink).toBeDefined();
    expect(bytes).toBeGreaterThanOrEqual(16);
  });
});
