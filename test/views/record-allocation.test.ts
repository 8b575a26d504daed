import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Aggregation, Measure, Stats, TagMap, View } from '../../src';

// recordValue with a reused TagMap and an existing row must allocate nothing.
// Measured as the growth of V8's young generation (where every short-lived JS
// object is born) over many calls, right after a full GC, so that no scavenge
// can run during the loop and hide garbage.
//
// The guarantee is for optimised code: before V8 has optimised the path (it
// compiles in the background, late on a loaded machine) intermediate doubles
// are boxed on the heap. So rounds repeat until one is clean or the budget
// runs out, and the fewest bytes seen count: a real per-call allocation shows
// in every round, optimised or not.
setFlagsFromString('--expose-gc');
// Optimise on the main thread, as soon as V8 decides to: on a loaded machine a
// background compile can land after every round, which left the path in
// unoptimised code (boxing doubles) in 1 of ~10 full-suite runs.
setFlagsFromString('--no-concurrent-recompilation');
const gc = runInNewContext('gc') as () => void;

const CALLS = 10_000;
const MAX_ROUNDS = 40;
const CLEAN = 2; // bytes per call; one 16-byte object per call is 8× more

function youngSpace() {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!;
}

/** The fewest bytes `fn` allocated per call in one round of up to CALLS calls, over up to `maxRounds` rounds. */
function bytesPerCall(fn: (i: number) => void, maxRounds = MAX_ROUNDS): number {
  for (let i = 0; i < 5 * CALLS; i++) fn(i); // warm up: rows, row keys, inline caches, optimisation
  let least = Infinity;
  for (let round = 0; round < maxRounds && least >= CLEAN; round++) {
    gc();
    // The loop must fit in the young generation even at 64 bytes a call, else a scavenge could hide garbage.
    const calls = Math.min(CALLS, Math.floor(youngSpace().space_available_size / 64));
    expect(calls).toBeGreaterThanOrEqual(1000);
    const before = youngSpace().space_used_size;
    for (let i = 0; i < calls; i++) fn(i);
    least = Math.min(least, (youngSpace().space_used_size - before) / calls);
  }
  return least;
}

/** 16 numbers in an array with tagged elements (V8 then keeps each as a heap number, read without boxing). */
function held(make: (i: number) => number): number[] {
  const values: unknown[] = [{}];
  values.pop();
  for (let i = 0; i < 16; i++) values.push(make(i));
  return values as number[];
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
  // Numbers as an application holds them, already on the heap (an array of
  // tagged elements), so that the test's own loop allocates none: fractions,
  // integers beyond V8's small integers, small integers, and -0.
  const floatValues = held((i) => (i % 4 === 3 ? -0 : i + 0.25));
  const intValues = held((i) => (i % 2 === 0 ? i * 1e10 : i));

  it('allocates 0 bytes per call with a reused TagMap (tolerance far below one 16-byte object)', () => {
    const bytes = bytesPerCall((i) => {
      stats.recordValue(floats, floatValues[i & 15], tags);
      stats.recordValue(ints, intValues[i & 15], tags);
    });
    expect(bytes).toBeLessThan(CLEAN);
  });

  it('the measurement sees a real allocation of one small object per call', () => {
    let sink: { v: number } | undefined;
    const bytes = bytesPerCall((i) => {
      stats.recordValue(floats, i & 15, tags);
      sink = { v: i }; // escapes, so V8 cannot optimise it away: one object (16 bytes or more) per call
    }, 5);
    expect(sink).toBeDefined();
    expect(bytes).toBeGreaterThanOrEqual(16);
  });
});
