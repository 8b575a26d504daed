import { Measure } from '../../src';

describe('Measure names', () => {
  it.each([
    ['empty', ''],
    ['256 characters', 'm'.repeat(256)],
    ['a newline', 'my/measure\n'],
    ['a tab', 'my\tmeasure'],
    ['DEL (0x7f)', 'my\u007fmeasure'],
    ['non-ASCII', 'latency_µs'],
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
    ['an object', { name: 'x' }],
  ])('rejects a name that is %s with a TypeError', (_what, name) => {
    expect(() => Measure.int64(name as string, 'd', '1')).toThrow(TypeError);
    expect(() => Measure.float64(name as string, 'd', '1')).toThrow(TypeError);
  });

  it('names the offending value and the rule in the message', () => {
    expect(() => Measure.int64('bad\nname', 'd', '1')).toThrow(/Invalid measure name "bad\\nname".*1–255 printable ASCII/);
  });

  it.each([
    ['one character', 'x'],
    ['255 characters', 'n'.repeat(255)],
    ['every printable ASCII character', Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('')],
  ])('accepts a name of %s', (_what, name) => {
    expect(Measure.float64(name, 'd', 'ms').name).toBe(name);
  });

  it.each([
    ['description', () => Measure.int64('test/desc_type', 7 as unknown as string, '1')],
    ['unit', () => Measure.int64('test/unit_type', 'd', null as unknown as string)],
  ])('rejects a %s that is not a string', (_what, define) => {
    expect(define).toThrow(TypeError);
  });
});

describe('Measure definitions', () => {
  it('exposes name, description, unit and type', () => {
    const m = Measure.float64('test/def/latency', 'Time taken', 'ms');
    expect({ name: m.name, description: m.description, unit: m.unit, type: m.type }).toEqual({
      name: 'test/def/latency',
      description: 'Time taken',
      unit: 'ms',
      type: 'float64',
    });
    expect(Measure.int64('test/def/bytes', 'Bytes', 'By').type).toBe('int64');
  });

  it('interns: the same name, type and unit gives the same instance (first description kept)', () => {
    const first = Measure.int64('test/intern/same', 'first', 'By');
    const again = Measure.int64('test/intern/same', 'another description', 'By');
    expect(again).toBe(first);
    expect(again.description).toBe('first');
  });

  it.each([
    ['another type', () => Measure.float64('test/intern/conflict', 'd', 'By')],
    ['another unit', () => Measure.int64('test/intern/conflict', 'd', 'ms')],
  ])('rejects the same name with %s (TypeError naming both definitions)', (_what, redefine) => {
    Measure.int64('test/intern/conflict', 'd', 'By');
    expect(redefine).toThrow(TypeError);
    expect(redefine).toThrow(/"test\/intern\/conflict" is already defined as int64 in "By"/);
  });
});

describe('Measure.m', () => {
  const int = Measure.int64('test/m/int', 'd', '1');
  const float = Measure.float64('test/m/float', 'd', '1');

  it.each([
    [2.9, 2],
    [-2.9, -2],
    [2.5, 2],
    [0.999, 0],
    [7, 7],
    [-7, -7],
    [2 ** 53, 2 ** 53],
  ])('int64 truncates %p toward zero to %p', (value, expected) => {
    const m = int.m(value);
    expect(m.value).toBe(expected);
    expect(m.measure).toBe(int);
  });

  it.each([[2.9], [-2.9], [1e-300], [Number.MAX_VALUE]])('float64 keeps %p unchanged', (value) => {
    expect(float.m(value)).toEqual({ measure: float, value });
  });

  it.each([[NaN], [Infinity], [-Infinity]])('int64 passes %p through for record to reject', (value) => {
    expect(int.m(value).value).toBe(value);
  });
});
