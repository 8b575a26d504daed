import { AsyncResource } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TagMap } from '../../src';
import { propagateTags, resourceTagStore } from '../../src/tags/resource-store';
import { fetchText } from '../support/http';
import { CONTINUATIONS } from '../support/tag-continuations';

// The tag context on Nodes whose AsyncLocalStorage is built on async_hooks
// (src/tags/resource-store.ts; context.test.ts runs it through withTags on
// Node 20 and 22). Tested here directly, so every Node in the matrix runs it.

const outer = TagMap.from({ scope: 'outer' });
const inner = TagMap.from({ scope: 'inner' });
const read = (): TagMap | undefined => resourceTagStore.getStore();

describe('resourceTagStore', () => {
  it.each(CONTINUATIONS)('keeps the tags across %s, and none outside', async (_what, start) => {
    expect(await resourceTagStore.run(outer, () => start(read))).toBe(outer);
    expect(read()).toBeUndefined();
    // Started outside any context: nothing follows it.
    expect(await start(read)).toBeUndefined();
  });

  it('nests, restores the outer tags after a throw, and follows an AsyncResource made inside', async () => {
    const trace: Array<TagMap | undefined> = [];
    const bound = resourceTagStore.run(outer, () => {
      expect(() => resourceTagStore.run(inner, () => { throw new Error('boom'); })).toThrow('boom');
      trace.push(read());
      trace.push(resourceTagStore.run(inner, () => resourceTagStore.run(inner, read)));
      return AsyncResource.bind(read);
    });
    trace.push(bound(), read());
    await new Promise((resolve) => setImmediate(resolve));
    expect(trace).toEqual([outer, inner, outer, undefined]);
  });

  it('follows native handles: a server listening inside a context serves in it, one outside in none', async () => {
    const seen = { tagged: [] as unknown[], plain: [] as unknown[] };
    const serve = (into: unknown[]): Server =>
      createServer((_req, res) => {
        into.push(read()?.get('scope'));
        res.end('ok');
      });
    const tagged = resourceTagStore.run(outer, () => serve(seen.tagged).listen(0, '127.0.0.1'));
    const plain = serve(seen.plain).listen(0, '127.0.0.1');
    try {
      await Promise.all([tagged, plain].map((s) => new Promise((resolve) => s.listening ? resolve(undefined) : s.once('listening', resolve))));
      const url = (s: Server): string => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
      // One connection per request (no keep-alive), alternating between the servers.
      for (let i = 0; i < 4; i++) {
        expect((await fetchText(url(tagged))).body).toBe('ok');
        expect((await fetchText(url(plain))).body).toBe('ok');
      }
    } finally {
      tagged.close();
      plain.close();
    }
    expect(seen.tagged).toEqual(Array(4).fill('outer'));
    expect(seen.plain).toEqual(Array(4).fill(undefined));
  });

  it('clears the tags of a resource initialized again outside any context (as AsyncLocalStorage does)', () => {
    const resource = resourceTagStore.run(outer, () => {
      const made = {};
      propagateTags(made);
      return made;
    });
    expect(Object.getOwnPropertySymbols(resource).map((s) => (resource as Record<symbol, unknown>)[s])).toEqual([outer]);
    propagateTags(resource);
    expect(Object.getOwnPropertySymbols(resource).map((s) => (resource as Record<symbol, unknown>)[s])).toEqual([undefined]);
  });

  it('never throws from the hook: a resource that cannot carry tags carries none', () => {
    resourceTagStore.run(outer, () => {
      const frozen = Object.freeze({});
      expect(() => propagateTags(frozen)).not.toThrow();
      expect(Object.getOwnPropertySymbols(frozen)).toEqual([]);
      expect(() => propagateTags(null)).not.toThrow();
      const plain = {};
      propagateTags(plain);
      expect(Object.getOwnPropertySymbols(plain).map((s) => (plain as Record<symbol, unknown>)[s])).toEqual([outer]);
    });
  });
});
