import { setImmediate as immediate } from 'node:timers/promises';

/**
 * The asynchronous continuations a tag context must follow, each as
 * `[what, start]`: `start(read)` begins the continuation and resolves with
 * what `read` (the current tags) returned inside it.
 */
export const CONTINUATIONS: Array<[string, <T>(read: () => T) => Promise<T>]> = [
  ['await', (read) => Promise.resolve().then(() => undefined).then(async () => {
    await null;
    return read();
  })],
  ['a promise chain', (read) => Promise.resolve(1).then((x) => x + 1).then(() => read())],
  ['setTimeout', (read) => new Promise((resolve) => setTimeout(() => resolve(read()), 1))],
  ['setImmediate', (read) => new Promise((resolve) => setImmediate(() => resolve(read())))],
  ['process.nextTick', (read) => new Promise((resolve) => process.nextTick(() => resolve(read())))],
  ['queueMicrotask', (read) => new Promise((resolve) => queueMicrotask(() => resolve(read())))],
  ['timers/promises setImmediate', async (read) => {
    await immediate();
    return read();
  }],
];
