import { connect, type OutgoingHttpHeaders } from 'node:http2';

/** `{ text: "abc" }` serialized. */
const ABC = Buffer.from([0x0a, 3, 0x61, 0x62, 0x63]);

/**
 * One gRPC unary call written by hand over HTTP/2: one length-prefixed
 * message `msg` (default `{ text: "abc" }`), with `headers` sent exactly as
 * given (an array value becomes several header lines). Resolves with the
 * grpc-status and the response text. For input grpc-js itself would refuse
 * to send.
 */
export function rawUnary(port: number, method: string, headers: OutgoingHttpHeaders, msg: Buffer = ABC, compressedFlag = 0): Promise<{ status: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const req = session.request({
      ':method': 'POST',
      ':path': `/${method}`,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('trailers', (t) => (status = String(t['grpc-status'])));
    req.on('response', (h) => h['grpc-status'] !== undefined && (status = String(h['grpc-status'])));
    req.on('error', reject);
    req.on('end', () => {
      session.close();
      const body = Buffer.concat(chunks);
      // A length-prefixed message: flag byte, uint32 length, then Msg { text } = 0a <len> <text>.
      const text = body.length >= 7 ? body.subarray(7, 7 + body[6]).toString('latin1') : '';
      resolve({ status, text });
    });
    const frame = Buffer.alloc(5);
    frame[0] = compressedFlag;
    frame.writeUInt32BE(msg.length, 1);
    req.end(Buffer.concat([frame, msg]));
  });
}
