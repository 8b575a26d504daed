import { receivedSize, sizedDeserializer } from '../../src/grpc/grpcjs/message-sizes';

// Received sizes are noted when grpc-js parses a request and read when the
// message reaches the interceptor; messages may be parsed ahead of delivery.
describe('received message sizes', () => {
  const parse = sizedDeserializer((buf: Buffer) => ({ text: buf.toString() }));

  it('gives the size of a message delivered right after it is parsed', () => {
    const m = parse(Buffer.from('abc'));
    expect(receivedSize(m)).toBe(3);
  });

  it('keeps the sizes of messages parsed ahead of delivery, delivered in any order', () => {
    const parsed = ['a', 'bb', 'ccc', 'dddd', 'eeeee'].map((t) => parse(Buffer.from(t)));
    expect([3, 0, 4, 2, 1].map((i) => receivedSize(parsed[i]))).toEqual([4, 1, 5, 3, 2]);
  });

  it('answers NaN for a message it never parsed', () => {
    parse(Buffer.from('zz'));
    expect(receivedSize({ text: 'zz' })).toBeNaN();
  });

  it('keeps sizes apart across interleaved calls', () => {
    const other = sizedDeserializer((buf: Buffer) => ({ n: buf.length }));
    const a = parse(Buffer.from('12345678'));
    const b = other(Buffer.alloc(3));
    const c = parse(Buffer.from('1'));
    expect([receivedSize(b), receivedSize(c), receivedSize(a)]).toEqual([3, 1, 8]);
  });
});
