import { Aggregation, Measure, Stats, View } from '../../src';
import type { ViewListener } from '../../src';

const measure = Measure.int64('test/subscribe/items', 'Items', '1');
const view = (name: string) => new View({ name, measure, aggregation: Aggregation.count() });

/** A listener that logs what it is told as '+name' / '-name'. */
function logging(): ViewListener & { log: string[] } {
  const log: string[] = [];
  return { log, viewRegistered: (v) => void log.push(`+${v.name}`), viewUnregistered: (v) => void log.push(`-${v.name}`) };
}

describe('subscribeViews', () => {
  it('reports existing views at once, in registration order', () => {
    const stats = new Stats();
    stats.registerView(view('b'), view('a'));
    const l = logging();
    stats.subscribeViews(l);
    expect(l.log).toEqual(['+b', '+a']);
  });

  it('reports later registrations and unregistrations, once each', () => {
    const stats = new Stats();
    const l = logging();
    stats.subscribeViews(l);
    stats.registerView(view('x'));
    stats.registerView(view('x')); // idempotent: not reported again
    stats.unregisterView('x');
    stats.unregisterView('x'); // already gone: not reported
    stats.registerView(view('x'));
    expect(l.log).toEqual(['+x', '-x', '+x']);
  });

  it('reports nothing for a batch that failed to register', () => {
    const stats = new Stats();
    stats.registerView(view('x'));
    const l = logging();
    stats.subscribeViews(l);
    expect(() => stats.registerView(view('y'), new View({ name: 'x', measure, aggregation: Aggregation.sum() }))).toThrow();
    expect(l.log).toEqual(['+x']);
  });

  it('stops reporting after unsubscribe', () => {
    const stats = new Stats();
    const l = logging();
    const unsubscribe = stats.subscribeViews(l);
    stats.registerView(view('a'));
    unsubscribe();
    stats.registerView(view('b'));
    stats.unregisterView('a');
    expect(l.log).toEqual(['+a']);
  });

  it('accepts listeners with only one callback', () => {
    const stats = new Stats();
    const seen: string[] = [];
    stats.subscribeViews({ viewUnregistered: (v) => void seen.push(v.name) });
    stats.registerView(view('a'));
    stats.unregisterView('a');
    expect(seen).toEqual(['a']);
  });

  it('isolates a throwing listener: the others are told, the registry is intact, errors counted and warned once', () => {
    const warn = jest.fn();
    const stats = new Stats({ warn });
    stats.registerView(view('existing'));
    stats.subscribeViews({
      viewRegistered: () => {
        throw new Error('listener bug');
      },
      viewUnregistered: () => {
        throw new Error('listener bug');
      },
    });
    const l = logging();
    stats.subscribeViews(l);
    stats.registerView(view('a'));
    stats.unregisterView('a');
    expect(l.log).toEqual(['+existing', '+a', '-a']);
    expect(stats.registeredViews().map((v) => v.name)).toEqual(['existing']);
    expect(stats.diagnostics.get('listenerErrors')).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/listener threw.*listener bug/);
  });
});
