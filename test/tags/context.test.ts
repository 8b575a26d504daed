import { EventEmitter, once } from 'node:events';
import { setImmediate as immediate } from 'node:timers/promises';
import { TagMap, currentTags, withTags } from '../../src';
import { CONTINUATIONS } from '../support/tag-continuations';

const outer = TagMap.from({ scope: 'outer' });
const inner = TagMap.from({ scope: 'inner' });

describe('withTags / currentTags', () => {
  it('is EMPTY outside any scope', () => {
    expect(currentTags()).toBe(TagMap.EMPTY);
  });

  it('returns what fn returns and sets the tags inside', () => {
    expect(withTags(outer, () => currentTags())).toBe(outer);
    expect(currentTags()).toBe(TagMap.EMPTY);
  });

  it('rejects something that is not a TagMap', () => {
    expect(() => withTags({ scope: 'x' } as unknown as TagMap, () => 0)).toThrow(TypeError);
  });

  // Each continuation kind resolves to the tags it saw inside the scope.
  it.each(CONTINUATIONS)('keeps the tags across %s', async (_what, start) => {
    const seen = await withTags(outer, () => start(currentTags));
    expect(seen).toBe(outer);
    expect(currentTags()).toBe(TagMap.EMPTY);
  });

  it('keeps the tags in EventEmitter listeners registered and emitted inside the scope', async () => {
    const emitter = new EventEmitter();
    const seen: TagMap[] = [];
    await withTags(outer, async () => {
      emitter.on('tick', () => seen.push(currentTags()));
      emitter.emit('tick');
      setTimeout(() => emitter.emit('tick'), 1);
      await once(emitter, 'tick');
    });
    expect(seen).toEqual([outer, outer]);
    expect(seen[1]).toBe(outer);
  });

  it('nested scopes see the inner tags and restore the outer ones, also after awaits', async () => {
    const trace: string[] = [];
    await withTags(outer, async () => {
      trace.push(currentTags().get('scope')!);
      await withTags(inner, async () => {
        await new Promise((r) => setTimeout(r, 1));
        trace.push(currentTags().get('scope')!);
      });
      trace.push(currentTags().get('scope')!);
      await immediate();
      trace.push(currentTags().get('scope')!);
    });
    expect(trace).toEqual(['outer', 'inner', 'outer', 'outer']);
    expect(currentTags()).toBe(TagMap.EMPTY);
  });

  it('restores the outer tags when fn throws', () => {
    withTags(outer, () => {
      expect(() => withTags(inner, () => { throw new Error('boom'); })).toThrow('boom');
      expect(currentTags()).toBe(outer);
    });
  });

  it('keeps concurrent scopes apart', async () => {
    const run = (tags: TagMap) =>
      withTags(tags, async () => {
        const seen: string[] = [];
        for (let i = 0; i < 5; i++) {
          await immediate();
          seen.push(currentTags().get('scope')!);
        }
        return seen;
      });
    const [a, b] = await Promise.all([run(outer), run(inner)]);
    expect(a).toEqual(Array(5).fill('outer'));
    expect(b).toEqual(Array(5).fill('inner'));
  });
});
