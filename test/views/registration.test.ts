import { Aggregation, Measure, Stats, TagMap, View } from '../../src';

const measure = Measure.int64('test/registration/items', 'Items', '1');
const other = Measure.int64('test/registration/other', 'Other', '1');
const countView = (over: Partial<ConstructorParameters<typeof View>[0]> = {}) =>
  new View({ name: 'items', measure, aggregation: Aggregation.count(), tagKeys: ['k'], ...over });
const one = TagMap.from({ k: 'v' });

/** A Stats whose clock reads `clock.t`. */
function clocked() {
  const clock = { t: 1_000 };
  return { stats: new Stats({ now: () => clock.t }), clock };
}

describe('registerView', () => {
  it('is idempotent for the same instance', () => {
    const stats = new Stats();
    const view = countView();
    stats.registerView(view);
    stats.record(measure.m(1), one);
    stats.registerView(view);
    expect(stats.registeredViews()).toEqual([view]);
    expect(stats.retrieveData(view)).toEqual([{ tags: { k: 'v' }, data: { type: 'count', value: 1 } }]);
  });

  it('is idempotent for a separately built equal view, which then reads the same data', () => {
    const stats = new Stats();
    const first = new View({ name: 'd', measure, aggregation: Aggregation.distribution([1, 2]) });
    const second = new View({ name: 'd', measure, aggregation: Aggregation.distribution([0, 1, 2]) });
    stats.registerView(first);
    stats.record(measure.m(1), one);
    stats.registerView(second);
    expect(stats.registeredViews()).toHaveLength(1);
    expect(stats.registeredViews()[0]).toBe(first);
    expect(stats.retrieveData(second)).toEqual(stats.retrieveData(first));
  });

  it.each([
    ['aggregation', { aggregation: Aggregation.sum() }, 'aggregation'],
    ['tag keys', { tagKeys: ['k', 'x'] }, 'tag keys'],
    ['description', { description: 'changed' }, 'description'],
    ['measure', { measure: other, description: 'Items' }, 'measure'],
    ['row limit', { maxRows: 5 }, 'maxRows'],
  ])('throws for a different %s, naming both views and what differs', (_what, over, differs) => {
    const stats = new Stats();
    stats.registerView(countView());
    const conflicting = countView(over);
    expect(() => stats.registerView(conflicting)).toThrow(Error);
    expect(() => stats.registerView(conflicting)).toThrow(new RegExp(`differ in ${differs}\\)`));
    const message = (() => {
      try {
        stats.registerView(conflicting);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toContain(`registered: ${countView()}`);
    expect(message).toContain(`new:        ${conflicting}`);
    expect(stats.registeredViews()[0].sameDefinition(countView())).toBe(true);
  });

  it('is atomic: a batch with one conflict registers none of it', () => {
    const stats = new Stats();
    stats.registerView(countView());
    const fresh = new View({ name: 'fresh', measure: other, aggregation: Aggregation.count() });
    expect(() => stats.registerView(fresh, countView({ aggregation: Aggregation.sum() }))).toThrow(/already registered/);
    expect(stats.registeredViews().map((v) => v.name)).toEqual(['items']);
    stats.record(other.m(1), one);
    expect(() => stats.retrieveData('fresh')).toThrow(/not registered/);
  });

  it('is atomic for a conflict inside the batch itself', () => {
    const stats = new Stats();
    expect(() => stats.registerView(countView(), countView({ description: 'x' }))).toThrow(/differ in description/);
    expect(stats.registeredViews()).toEqual([]);
  });

  it('rejects something that is not a View, registering nothing', () => {
    const stats = new Stats();
    expect(() => stats.registerView(countView(), { name: 'fake' } as unknown as View)).toThrow(TypeError);
    expect(stats.registeredViews()).toEqual([]);
  });

  it('an array instead of spread views is a one-line TypeError that says to spread it', () => {
    const views = [countView(), countView({ name: 'items2' })];
    const stats = new Stats();
    expect(() => stats.registerView(views as unknown as View)).toThrow(
      new TypeError('registerView takes views as separate arguments, got an array: spread it, registerView(...views)'),
    );
    stats.registerView(...views);
    expect(() => stats.unregisterView(views as unknown as View)).toThrow(
      new TypeError('unregisterView takes views as separate arguments, got an array: spread it, unregisterView(...views)'),
    );
    expect(stats.registeredViews()).toEqual(views);
  });

  it('keeps registration order and records the registration time as the start', () => {
    const { stats, clock } = clocked();
    const a = countView({ name: 'a' });
    const b = countView({ name: 'b' });
    stats.registerView(b);
    clock.t = 5_000;
    stats.registerView(a);
    expect(stats.registeredViews()).toEqual([b, a]);
    expect(stats.viewStart(b)).toEqual(new Date(1_000));
    expect(stats.viewStart('a')).toEqual(new Date(5_000));
  });
});

describe('unregisterView', () => {
  it('drops the data; registering again starts from zero with a new start time', () => {
    const { stats, clock } = clocked();
    const view = countView();
    stats.registerView(view);
    stats.record(measure.m(1), one);
    clock.t = 2_000;
    stats.unregisterView(view);
    expect(stats.registeredViews()).toEqual([]);
    expect(() => stats.retrieveData(view)).toThrow(/not registered/);
    stats.record(measure.m(1), one); // no view: nothing happens
    clock.t = 3_000;
    stats.registerView(view);
    expect(stats.retrieveData(view)).toEqual([]);
    expect(stats.viewStart(view)).toEqual(new Date(3_000));
    stats.record(measure.m(1), one);
    expect(stats.retrieveData(view)).toEqual([{ tags: { k: 'v' }, data: { type: 'count', value: 1 } }]);
  });

  it('accepts names, ignores unknown ones, and leaves other views alone', () => {
    const stats = new Stats();
    const a = countView({ name: 'a' });
    const b = countView({ name: 'b' });
    stats.registerView(a, b);
    stats.unregisterView('a', 'never-registered');
    expect(stats.registeredViews()).toEqual([b]);
    stats.record(measure.m(1), one);
    expect(stats.retrieveData(b)).toHaveLength(1);
  });

  it('rejects something that is neither a View nor a name', () => {
    expect(() => new Stats().unregisterView(42 as unknown as string)).toThrow(new TypeError('unregisterView expects Views or view names, got 42'));
  });

  it('checks every argument before unregistering anything', () => {
    const stats = new Stats();
    const view = countView();
    stats.registerView(view);
    expect(() => stats.unregisterView(view, 5 as unknown as string)).toThrow(TypeError);
    expect(stats.registeredViews()).toEqual([view]);
  });

  it('is per Stats: unregistering in one keeps the other recording', () => {
    const s1 = new Stats();
    const s2 = new Stats();
    const view = countView();
    s1.registerView(view);
    s2.registerView(view);
    s1.unregisterView(view);
    s2.record(measure.m(1), one);
    expect(s2.retrieveData(view)).toEqual([{ tags: { k: 'v' }, data: { type: 'count', value: 1 } }]);
  });
});

describe('retrieveData', () => {
  it('returns copies: mutating the result changes nothing', () => {
    const stats = new Stats();
    const view = new View({ name: 'dist', measure, aggregation: Aggregation.distribution([1, 2]), tagKeys: ['k'] });
    stats.registerView(view);
    stats.record(measure.m(1), one);
    const rows = stats.retrieveData(view);
    const before = JSON.stringify(rows);
    rows[0].tags.k = 'mutated';
    const data = rows[0].data as { count: number; bucketCounts: number[]; bucketBounds: number[] };
    data.count = 99;
    data.bucketCounts[0] = 99;
    data.bucketBounds[0] = 99;
    rows.pop();
    expect(JSON.stringify(stats.retrieveData(view))).toBe(before);
  });

  it.each([
    ['an unknown name', 'nope'],
    ['an unregistered view', new View({ name: 'nope', measure, aggregation: Aggregation.count() })],
  ])('throws an Error for %s', (_what, view) => {
    expect(() => new Stats().retrieveData(view)).toThrow(/View "nope" is not registered/);
  });

  it('throws for a different view that shares a registered name', () => {
    const stats = new Stats();
    stats.registerView(countView());
    expect(() => stats.retrieveData(countView({ aggregation: Aggregation.sum() }))).toThrow(/not registered/);
  });
});
