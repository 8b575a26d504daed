import type { Metadata } from '@grpc/grpc-js';
import { decodeTags } from '../tags';
import { TagMap } from '../tags';
import type { Diagnostics } from '../views';
import { TAGS_HEADER } from './plugin';

/**
 * The caller's tags from `grpc-tags-bin`, or no tags. A malformed header
 * (anything `decodeTags` rejects, or a non-binary value) is counted as
 * `grpc.malformedTagsHeader` and ignored, as opencensus-go drops it.
 */
export function propagatedTags(metadata: Metadata, diagnostics: Diagnostics): TagMap {
  const values = metadata.get(TAGS_HEADER);
  if (values.length === 0) return TagMap.EMPTY;
  const value = values[0];
  try {
    if (typeof value === 'string') throw new TypeError('not binary');
    return decodeTags(value);
  } catch {
    diagnostics.increment('grpc.malformedTagsHeader');
    return TagMap.EMPTY;
  }
}
