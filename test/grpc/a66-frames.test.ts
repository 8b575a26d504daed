import { ReceivedFrames } from '../../src/grpc/grpcjs/a66-server';

// The server's received frames: the first n are the delivered messages.

describe('ReceivedFrames.sumFirst', () => {
  const frames = (...sizes: number[]) => {
    const f = new ReceivedFrames();
    for (const s of sizes) f.push(s);
    return f;
  };

  it.each([
    [[], 0, 0],
    [[5], 1, 5],
    [[5, 7], 2, 12],
    [[5, 7, 9], 2, 12], // the last frame was read but never delivered
    [[5, 7, 9], 0, 0],
    [[5], 2, NaN], // more delivered than read: not a base call's frames
    [[5, NaN, 9], 3, NaN], // one was not a gRPC frame
  ])('%j, first %i → %d', (sizes, n, sum) => {
    expect(frames(...sizes).sumFirst(n)).toBe(sum);
  });

  it('keeps a bounded amount of state however many frames a stream reads', () => {
    const f = new ReceivedFrames();
    for (let i = 0; i < 100_000; i++) f.push(3);
    expect(f.sumFirst(100_000)).toBe(300_000);
    expect(f.sumFirst(99_000)).toBe(297_000);
    expect(f.sumFirst(90_000)).toBeNaN(); // 10000 undelivered frames: more than grpc-js ever leaves
  });
});
