import type { Metadata } from '@grpc/grpc-js';
import type { Plugin } from '../plugin';
import type { Rpc } from '../rpc/rpc';

/**
 * Client: begins `rpc` and returns the metadata to send: a copy with
 * `grpc-tags-bin` when the caller has tags, else `metadata` itself. Never throws.
 */
export function startClient(rpc: Rpc<Plugin>, metadata: Metadata): Metadata {
  if (rpc.detached) return metadata;
  let sent = metadata;
  try {
    rpc.begin(performance.now());
    sent = rpc.plugin.withTagsHeader(metadata, rpc.tags);
    rpc.header(true, sent);
  } catch (err) {
    rpc.plugin.internalError(err);
  }
  return sent;
}
