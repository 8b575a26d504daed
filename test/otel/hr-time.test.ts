import { hrTimeOf } from '../../src/otel/hr-time';

describe('hrTimeOf', () => {
  it.each([
    [0, [0, 0]],
    [1_796_086_923_456, [1_796_086_923, 456_000_000]],
    [1500.25, [1, 500_250_000]],
    [1999.9999999, [2, 0]], // rounds up into the next second, never to 1e9 ns
  ])('%p ms → %p', (ms, hr) => {
    expect(hrTimeOf(ms)).toEqual(hr);
  });
});
