/** Thrown by `decodeTags` for input that is not a valid OpenCensus binary tag context. */
export class TagsDecodeError extends Error {
  override readonly name = 'TagsDecodeError';
}

/** Thrown by `encodeTags` when the tags exceed the 8192-byte serialization limit. */
export class TagsEncodeError extends Error {
  override readonly name = 'TagsEncodeError';
}
