import { TAG_CONTEXT_MAX_TAGS, TagMap, TagsDecodeError, decodeTags, encodeTags } from '../../src';
import { fc } from '../support/fast-check';

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 255 });
const tagKey = printable.filter((s) => s.length > 0);
/** Valid tag maps; 30 tags × ≤ 510 bytes can exceed 8192, so keep to 16 (≤ 8160 bytes). */
const tagMaps = fc.array(fc.tuple(tagKey, printable), { maxLength: 16 }).map((pairs) => TagMap.from(pairs));

/** decodeTags must return a TagMap or throw TagsDecodeError: anything else is a bug. */
function decodeOutcome(buf: Uint8Array): 'ok' | 'rejected' {
  try {
    const tags = decodeTags(buf);
    if (!(tags instanceof TagMap)) throw new Error('decodeTags returned something other than a TagMap');
    return 'ok';
  } catch (err) {
    if (err instanceof TagsDecodeError) return 'rejected';
    throw err;
  }
}

describe('binary codec properties', () => {
  it('round-trips arbitrary valid tag maps, order included', () => {
    fc.assert(
      fc.property(tagMaps, (tags) => {
        expect([...decodeTags(encodeTags(tags)).entries()]).toEqual([...tags.entries()]);
      }),
      { numRuns: 2000 },
    );
  });

  it('200k arbitrary byte arrays decode to a TagMap or a TagsDecodeError, nothing else', () => {
    const outcomes = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (buf) => {
        outcomes[decodeOutcome(buf)]++;
      }),
      { numRuns: 100_000 },
    );
    // Byte arrays shaped like tag contexts (version 0, field id 0, short lengths) reach the deep paths.
    const shaped = fc
      .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 255 })), { maxLength: 96 })
      .map((xs) => Uint8Array.from([0, ...xs]));
    fc.assert(
      fc.property(shaped, (buf) => {
        outcomes[decodeOutcome(buf)]++;
      }),
      { numRuns: 100_000 },
    );
    // Both outcomes were exercised, so the property is not vacuous.
    expect(outcomes.ok).toBeGreaterThan(1000);
    expect(outcomes.rejected).toBeGreaterThan(1000);
  });

  it('mutated valid encodings decode to a TagMap or a TagsDecodeError', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), byte: fc.constant(0) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), byte: fc.constant(0) }),
    );
    fc.assert(
      fc.property(tagMaps, fc.array(mutation, { minLength: 1, maxLength: 4 }), (tags, mutations) => {
        const bytes = [...encodeTags(tags)];
        for (const { kind, at, byte } of mutations) {
          const i = at % (bytes.length + 1);
          if (kind === 'set' && i < bytes.length) bytes[i] = byte;
          else if (kind === 'insert') bytes.splice(i, 0, byte);
          else if (kind === 'delete') bytes.splice(i, 1);
          else if (kind === 'truncate') bytes.length = i;
        }
        decodeOutcome(Uint8Array.from(bytes));
      }),
      { numRuns: 20_000 },
    );
  });

  it('1 MB inputs are rejected in one bounded pass', () => {
    // 1 MB: a decoder that backtracks or loops would not finish within the test timeout.
    const continuation = Buffer.alloc(1 << 20, 0x80);
    continuation[0] = 0;
    continuation[1] = 0;
    expect(() => decodeTags(continuation)).toThrow(/Overlong key length/);
    const repeated = Buffer.concat([Buffer.from([0]), Buffer.alloc(1 << 20, Buffer.from([0, 1, 0x61, 0]))]);
    // One tag 'a' repeated 2^18 times: repeats fold, but every occurrence counts toward the tag cap.
    expect(() => decodeTags(repeated)).toThrow(TagsDecodeError);
    expect(decodeTags(repeated.subarray(0, 1 + 4 * TAG_CONTEXT_MAX_TAGS)).toObject()).toEqual({ a: '' });
    expect(() => decodeTags(repeated.subarray(0, 1 + 4 * (TAG_CONTEXT_MAX_TAGS + 1)))).toThrow(`more than ${TAG_CONTEXT_MAX_TAGS} tags`);
  });
});
