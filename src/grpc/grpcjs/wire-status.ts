import type { Http2Stream } from 'node:http2';

/** A status as grpc-js wrote it onto the HTTP/2 stream. */
export interface WireStatus {
  /** `Number()` of the `grpc-status` written: what a grpc-js client reads (NaN for a non-numeric value). */
  code: number;
  details: string;
}

interface SentHeaders {
  sentHeaders?: Record<string, unknown>;
  sentTrailers?: Record<string, unknown>;
}

/**
 * The status written on a server call's HTTP/2 stream: Node's public
 * `Http2Stream.sentTrailers` (a response with trailers) or `sentHeaders`
 * (a trailers-only response) hold the `grpc-status` the client receives,
 * whoever wrote it — the handler, or grpc-js by itself (deadline, size
 * limits, unparsable request). Undefined when no status was written (yet);
 * never throws.
 */
export function writtenStatus(stream: Http2Stream): WireStatus | undefined {
  try {
    const s = stream as unknown as SentHeaders;
    const trailers = s.sentTrailers;
    const headers = trailers !== undefined && trailers['grpc-status'] !== undefined ? trailers : s.sentHeaders;
    const raw = headers?.['grpc-status'];
    if (raw === undefined || raw === null) return undefined;
    const message = headers!['grpc-message'];
    return { code: Number(raw), details: typeof message === 'string' ? decodeMessage(message) : '' };
  } catch {
    return undefined;
  }
}

/** Whether nothing more can be written on `stream`: closed or destroyed. */
export function streamFinished(stream: Http2Stream): boolean {
  return stream.closed || stream.destroyed;
}

function decodeMessage(message: string): string {
  try {
    return decodeURI(message);
  } catch {
    return message;
  }
}
