export { TagKey } from './tag-key';
export { TagMap } from './tag-map';
export { withTags, currentTags } from './context';
export { encodeTags, decodeTags, TAG_CONTEXT_MAX_BYTES, TAG_CONTEXT_MAX_TAGS } from './binary-codec';
export { TagsDecodeError, TagsEncodeError } from './errors';
/** @internal For the gRPC server layer. */
export { runInTagContext, tagContextWays, useTagContextWay, type TagContextTarget } from './context';
