import type { Http2Stream } from 'node:http2';

// The status written on a server call's HTTP/2 stream: Node's public
// `Http2Stream.sentTrailers` (a response with trailers) or `sentHeaders` (a
// trailers-only response) hold the `grpc-status` the client receives,
// whoever wrote it — the handler, or grpc-js by itself (deadline, size
// limits, unparsable request). Read without allocating: once per RPC.

type Headers = Record<string, unknown> | undefined;
interface SentHeaders {
  sentHeaders?: Headers;
  sentTrailers?: Headers;
}

/** The headers block that carries the status, if one was written. */
function statusBlock(stream: Http2Stream): Headers {
  const s = stream as unknown as SentHeaders;
  const trailers = s.sentTrailers;
  if (trailers !== undefined && trailers['grpc-status'] !== undefined) return trailers;
  const headers = s.sentHeaders;
  return headers !== undefined && headers['grpc-status'] !== undefined ? headers : undefined;
}

/**
 * `Number()` of the `grpc-status` written — what a grpc-js client reads
 * (NaN for a value that is not a number) — or undefined when no status was
 * written (yet). Never throws.
 */
export function writtenCode(stream: Http2Stream): number | undefined {
  try {
    const raw = statusBlock(stream)?.['grpc-status'];
    return raw === undefined || raw === null ? undefined : Number(raw);
  } catch {
    return undefined;
  }
}

/** The `grpc-message` written with the status, decoded as a grpc-js client does; '' when none. */
export function writtenDetails(stream: Http2Stream): string {
  try {
    const message = statusBlock(stream)?.['grpc-message'];
    return typeof message === 'string' ? decodeMessage(message) : '';
  } catch {
    return '';
  }
}

/** Whether nothing more can be written on `stream`: closed or destroyed. */
export function streamFinished(stream: Http2Stream): boolean {
  return stream.closed || stream.destroyed;
}

function decodeMessage(message: string): string {
  // Most messages ('OK', plain text) have nothing to decode: no new string.
  if (!message.includes('%')) return message;
  try {
    return decodeURI(message);
  } catch {
    return message;
  }
}
