import { AsyncLocalStorage } from 'node:async_hooks';
import { TagMap, currentTags } from '../../src';
import { runInTagContext, tagContextWays, useTagContextWay, type TagContextTarget } from '../../src/tags';
import { findFrameAccess } from '../../src/tags/async-context-frame';

// The tag context's entry ways (src/tags/context.ts) and the one private
// detail of Node behind the cheapest ('frames', src/tags/async-context-frame.ts).
// Node 24 keeps AsyncLocalStorage contexts in frames by default, Node 22 with
// --experimental-async-context-frame; Node 20 never (the matrix runs this
// file on each).

const major = Number(process.versions.node.split('.')[0]);
const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const frameBased = flags.includes('--experimental-async-context-frame') || (major >= 24 && !flags.includes('--no-async-context-frame'));
const other = new AsyncLocalStorage<string>();

/** A target that notes, per delivery, the tags and the other storage's value it ran with. */
function target(fail = false): TagContextTarget & { seen: Array<[Record<string, string>, string | undefined]> } {
  return {
    tagContext: undefined,
    seen: [],
    deliver() {
      this.seen.push([currentTags().toObject(), other.getStore()]);
      if (fail) throw new Error('handler failed');
    },
  };
}

describe('the frame access (Node internals adapter)', () => {
  it(`is found exactly where AsyncLocalStorage is built on frames (here: ${frameBased ? 'yes' : 'no'}), and 'frames' is then the default way`, () => {
    expect(findFrameAccess() !== undefined).toBe(frameBased);
    expect(tagContextWays()[0]).toBe(frameBased ? 'frames' : 'run');
  });

  it('falls back when the property it reads is missing: no access, so entries copy the frame', () => {
    expect(findFrameAccess('no such property')).toBeUndefined();
    expect(() => useTagContextWay('no-such-way' as 'run')).toThrow(TypeError);
  });

  it('frames: a TagMap keeps the frame made for its caller frame, and a new caller frame gets a new one', () => {
    const access = findFrameAccess();
    if (access === undefined) {
      // Nothing to cache where there are no frames: every way that exists here still works (below).
      expect(tagContextWays()).not.toContain('frames');
      return;
    }
    useTagContextWay('frames');
    try {
      const tags = TagMap.from({ user: 'ann' });
      const enter = () => {
        const t = target();
        runInTagContext(t, tags);
        return { t, frame: access.frameOf(t.tagContext!) };
      };
      const first = enter();
      const second = enter();
      expect(second.frame).toBe(first.frame);
      const inA = other.run('a', enter);
      const inB = other.run('b', enter);
      expect(inA.frame).not.toBe(first.frame);
      expect(inB.frame).not.toBe(inA.frame);
      expect([first, second, inA, inB].map((e) => e.t.seen)).toEqual([
        [[{ user: 'ann' }, undefined]],
        [[{ user: 'ann' }, undefined]],
        [[{ user: 'ann' }, 'a']],
        [[{ user: 'ann' }, 'b']],
      ]);
    } finally {
      useTagContextWay();
    }
  });
});

describe.each(tagContextWays())('runInTagContext, the %s way', (way) => {
  beforeAll(() => useTagContextWay(way));
  afterAll(() => useTagContextWay());

  it("keeps the caller's other stores, re-enters on later deliveries, and leaves the caller's context as it was", () => {
    const tags = TagMap.from({ user: 'bob' });
    const t = target();
    other.run('outer', () => {
      runInTagContext(t, tags);
      expect([currentTags().toObject(), other.getStore()]).toEqual([{}, 'outer']);
    });
    // A later delivery (a message, the end), from another context: a `run`
    // per entry sees that context's other stores; a re-entry, the first's.
    other.run('later', () => runInTagContext(t, tags));
    expect(t.seen).toEqual([
      [{ user: 'bob' }, 'outer'],
      [{ user: 'bob' }, way === 'run' ? 'later' : 'outer'],
    ]);
    expect(currentTags()).toBe(TagMap.EMPTY);
  });

  it('gives each target its own tags and caller context, whichever map or caller came before', () => {
    const maps = [TagMap.from({ n: '0' }), TagMap.from({ n: '1' })];
    const steps: Array<[string, number]> = [['a', 0], ['b', 0], ['a', 1], ['a', 0], ['b', 1], ['b', 0]];
    const targets = steps.map(([caller, m]) => {
      const t = target();
      other.run(caller, () => runInTagContext(t, maps[m]));
      return t;
    });
    expect(targets.map((t) => t.seen)).toEqual(steps.map(([caller, m]) => [[{ n: String(m) }, caller]]));
    // Later deliveries, in reverse order, each with its own tags (and, re-entered, its first caller's context).
    for (const t of [...targets].reverse()) other.run('later', () => runInTagContext(t, maps[Number(t.seen[0][0].n)]));
    expect(targets.map((t) => t.seen[1])).toEqual(steps.map(([caller, m]) => [{ n: String(m) }, way === 'run' ? 'later' : caller]));
  });

  it('leaves the context when the delivered code throws', () => {
    const t = target(true);
    expect(() => other.run('outer', () => runInTagContext(t, TagMap.from({ user: 'cyd' })))).toThrow('handler failed');
    expect(currentTags()).toBe(TagMap.EMPTY);
    expect(other.getStore()).toBeUndefined();
    expect(t.seen).toEqual([[{ user: 'cyd' }, 'outer']]);
  });
});
