import type { Metadata } from '@grpc/grpc-js';
import { decodeTags } from '../tags';
import { TagMap } from '../tags';
import type { Diagnostics } from '../views';
import { metadataValues } from './grpcjs/internals';
import { TAGS_HEADER } from './plugin';

/**
 * The caller's tags from `grpc-tags-bin`, or no tags. A malformed header
 * (anything `decodeTags` rejects, or a non-binary value) is counted as
 * `grpc.malformedTagsHeader` and ignored, as opencensus-go drops it.
 */
export function propagatedTags(metadata: Metadata, diagnostics: Diagnostics): TagMap {
  const values = metadataValues(metadata, TAGS_HEADER, diagnostics);
  if (values.length === 0) return TagMap.EMPTY;
  const value = values[0];
  // Callers send the same tags call after call: the last header decoded is
  // kept, so a repeat costs one byte comparison instead of a decode, and
  // yields the same TagMap (whose derived maps MethodInfo caches in turn).
  if (lastHeader !== undefined && Buffer.isBuffer(value) && value.equals(lastHeader)) return lastTags;
  try {
    if (typeof value === 'string') throw new TypeError('not binary');
    const tags = decodeTags(value);
    lastHeader = Buffer.from(value);
    lastTags = tags;
    return tags;
  } catch {
    diagnostics.increment('grpc.malformedTagsHeader');
    return TagMap.EMPTY;
  }
}

let lastHeader: Buffer | undefined;
let lastTags: TagMap = TagMap.EMPTY;
