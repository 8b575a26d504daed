import { booleanOption, functionOption, integerOption, optionsObject, stringOption } from '../../src/internal/options';

describe('optionsObject', () => {
  it('gives {} for undefined and the object itself otherwise', () => {
    expect(optionsObject(undefined, 'X', ['a'])).toEqual({});
    const o = { a: 1 };
    expect(optionsObject(o, 'X', ['a'])).toBe(o);
  });
  it.each([null, 5, 'a', [1]])('rejects %p naming the entry point', (bad) => {
    expect(() => optionsObject(bad, 'Stats', ['a'])).toThrow(new TypeError(`Stats: options must be an object, got ${bad === null ? 'null' : Array.isArray(bad) ? '[object Array]' : typeof bad === 'string' ? '"a"' : String(bad)}`));
  });
  it('rejects an unknown key and lists the known ones', () => {
    expect(() => optionsObject({ maxRows: 5 }, 'Stats', ['maxRowsPerView', 'warn'])).toThrow(
      new TypeError('Stats: unknown option "maxRows" (known: maxRowsPerView, warn)'),
    );
  });
});

describe('typed options', () => {
  it('returns the value, or the fallback when absent', () => {
    expect(booleanOption({ b: false }, 'b', 'X', true)).toBe(false);
    expect(booleanOption({}, 'b', 'X', true)).toBe(true);
    const f = (): number => 1;
    expect(functionOption({ f }, 'f', 'X')).toBe(f);
    expect(functionOption({}, 'f', 'X')).toBeUndefined();
    expect(integerOption({ n: 3 }, 'n', 'X', 7, 1)).toBe(3);
    expect(integerOption({}, 'n', 'X', 7, 1)).toBe(7);
    expect(stringOption({ s: 'v' }, 's', 'X', 'd')).toBe('v');
    expect(stringOption({}, 's', 'X', 'd')).toBe('d');
  });
  it('names the option and the bad value', () => {
    expect(() => booleanOption({ b: 1 }, 'b', 'X', true)).toThrow(new TypeError('X: option b must be a boolean, got 1'));
    expect(() => functionOption({ warn: 5 }, 'warn', 'Stats')).toThrow(new TypeError('Stats: option warn must be a function, got 5'));
    expect(() => integerOption({ n: 0 }, 'n', 'X', 7, 1, 9)).toThrow(new TypeError('X: option n must be an integer from 1 to 9, got 0'));
    expect(() => integerOption({ n: 1.5 }, 'n', 'X', 7, 1)).toThrow(TypeError);
    expect(() => stringOption({ s: 1 }, 's', 'X', 'd')).toThrow(new TypeError('X: option s must be a string, got 1'));
  });
});
