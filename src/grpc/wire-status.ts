/** A status as grpc-js wrote it onto the HTTP/2 stream. */
export interface WireStatus {
  code: number;
  details: string;
}

interface SentHeaders {
  sentHeaders?: Record<string, unknown>;
  sentTrailers?: Record<string, unknown>;
}

/**
 * The status grpc-js wrote for a server call, when the HTTP/2 stream is
 * visible: grpc-js (≥ 1.10) keeps it as `stream` on the BaseServerInterceptingCall,
 * which is what an interceptor placed first (as `createServer()` places ours)
 * wraps. Node's `Http2Stream.sentTrailers`/`sentHeaders` hold the `grpc-status`
 * of a response with trailers / a trailers-only response. This sees the statuses
 * grpc-js sends by itself below the interceptors (deadline, unparsable request,
 * message too large). Undefined when nothing was written or nothing is visible;
 * never throws.
 */
export function writtenStatus(call: unknown): WireStatus | undefined {
  try {
    const stream = (call as { stream?: SentHeaders } | null)?.stream;
    if (stream === null || typeof stream !== 'object') return undefined;
    const trailers = stream.sentTrailers;
    const headers = trailers !== undefined && trailers['grpc-status'] !== undefined ? trailers : stream.sentHeaders;
    const raw = headers?.['grpc-status'];
    if (raw === undefined || raw === null) return undefined;
    const code = Number(raw);
    if (!Number.isInteger(code) || code < 0) return undefined;
    const message = headers!['grpc-message'];
    return { code, details: typeof message === 'string' ? decodeMessage(message) : '' };
  } catch {
    return undefined;
  }
}

function decodeMessage(message: string): string {
  try {
    return decodeURIComponent(message);
  } catch {
    return message;
  }
}
