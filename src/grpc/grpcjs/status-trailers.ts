import type { Metadata } from '@grpc/grpc-js';
import { SERVER_STATS_HEADER, encodeServerStats } from '../server-stats-codec';
import { simulated } from './internals';
import { grpcJs } from './load';

// Fallback only (internals: statusMetadataWrite), where the HTTP/2 stream is
// not visible: whether grpc-js really wrote a status. Its base server call
// turns the status metadata (1.10–1.13) or a clone of it (1.14) into HTTP/2
// headers exactly when it writes the status — at once for a trailers-only
// response, on 'wantTrailers' otherwise (never, if the stream was reset
// first). Our trailers are a Metadata subclass that marks itself when it, or
// its clone, becomes headers. Subclasses rather than per-object method
// overrides: no property is added to an object after it is built.

type MetadataClass = typeof Metadata;

function defineClasses(Base: MetadataClass) {
  /** What grpc-js 1.14 sends: a copy that marks `original` when it becomes HTTP/2 headers. */
  class SentCopy extends Base {
    constructor(private readonly original: StatusTrailers) {
      super(original.getOptions());
    }

    override toHttp2Headers(): ReturnType<Metadata['toHttp2Headers']> {
      this.original.sent = true;
      return super.toHttp2Headers();
    }
  }

  /** The status metadata the plugin hands down: the handler's trailers (copied), plus `grpc-server-stats-bin` when asked. */
  class StatusTrailers extends Base {
    sent = false;

    /** Sets the server-stats trailer (a valid -bin key and Buffer: grpc-js's checks are skipped). */
    setServerStats(value: Buffer): void {
      this.internalRepr.set(SERVER_STATS_HEADER, [value]);
    }

    /** grpc-js 1.10–1.13 write this object itself. */
    override toHttp2Headers(): ReturnType<Metadata['toHttp2Headers']> {
      this.sent = true;
      return super.toHttp2Headers();
    }

    /**
     * grpc-js 1.14 clones the status metadata before it keeps it. Nothing
     * changes these values once they are handed down (the handler's own ones
     * were copied when this object was built), so the copy shares them.
     */
    override clone(): Metadata {
      const copy = new SentCopy(this);
      copy.merge(this);
      return copy;
    }
  }
  return StatusTrailers;
}

let Trailers: ReturnType<typeof defineClasses> | undefined;

/**
 * The trailers to hand down in place of the handler's `metadata`: a copy
 * (never the handler's own object) with `grpc-server-stats-bin` set to
 * `elapsedNs` (none when undefined), that tells `wasSent` whether grpc-js wrote it.
 */
export function statusTrailers(metadata: Metadata | null | undefined, elapsedNs: number | undefined): Metadata {
  Trailers ??= defineClasses(grpcJs().Metadata);
  const out = new Trailers(metadata ? metadata.getOptions() : undefined);
  if (metadata) out.merge(metadata.clone());
  if (elapsedNs !== undefined) out.setServerStats(encodeServerStats(elapsedNs));
  return out;
}

/** Whether grpc-js turned `metadata` (a result of `statusTrailers`) into the trailers it wrote. */
export function wasSent(metadata: Metadata | null | undefined): boolean {
  return Trailers !== undefined && metadata instanceof Trailers && metadata.sent && !simulated.statusMetadataWrite;
}

/**
 * `metadata` with `grpc-server-stats-bin` = `elapsedNs`, as a copy (the
 * handler's object is never changed), with public API only.
 */
export function withServerStats(metadata: Metadata | null | undefined, elapsedNs: number): Metadata {
  const out = metadata ? metadata.clone() : new (grpcJs().Metadata)();
  out.set(SERVER_STATS_HEADER, encodeServerStats(elapsedNs));
  return out;
}
