import * as grpc from '@grpc/grpc-js';
import { fc } from '../support/fast-check';
import { Aggregation, ServerLatency, TagsDecodeError, View, createServer, decodeTags, encodeTags, TagMap, type Stats } from '../../src';
import { echoClient, run, serveEcho } from '../grpc/helpers/harness';
import { rows, statsWithAllViews, total, waitFor } from '../grpc/helpers/views';
import { rawUnary } from './helpers/raw-http2';

// A client we do not control (grpc-js without the plugin, or raw HTTP/2)
// sends hostile grpc-tags-bin headers to an instrumented server over real
// calls: every RPC must succeed with its normal response and be counted with
// the right method and status; a malformed header is ignored (no tags) and
// counted in grpc.malformedTagsHeader.
const hex = (s: string) => Buffer.from(s.replace(/ /g, ''), 'hex');
const METHOD = 'census.test.Echo/Unary';
const MALFORMED = 'grpc.malformedTagsHeader';

/** Tags of keys k0, k1, … with 250-character values: `n` of them carry n × (2–3 + 250) bytes. */
function bigTags(n: number): Buffer {
  const parts: Buffer[] = [Buffer.from([0])];
  for (let i = 0; i < n; i++) {
    const key = Buffer.from(`k${i}`);
    parts.push(Buffer.from([0, key.length]), key, Buffer.from([0xfa, 0x01]), Buffer.alloc(250, 0x61));
  }
  return Buffer.concat(parts);
}

describe('hostile grpc-tags-bin headers against createServer()', () => {
  let stats: Stats;
  let server: grpc.Server;
  let address: string;
  let client: grpc.Client;
  // Shows which propagated tags the server used (a malformed header gives none).
  const byUser = new View({ name: 'test/server_by_user', measure: ServerLatency, aggregation: Aggregation.count(), tagKeys: ['user', 'grpc_server_method', 'grpc_server_status'] });

  beforeAll(async () => {
    stats = statsWithAllViews();
    stats.registerView(byUser);
    server = createServer({ census: { stats } });
    address = await serveEcho(server);
    client = echoClient(address); // a plain grpc-js client: nothing of ours on this side
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  const serverCompleted = () => total(stats, 'grpc.io/server/completed_rpcs');

  /** One unary RPC with `values` as its grpc-tags-bin header(s); returns what changed on the server. */
  /** The server's completed_rpcs count for `method` with status OK. */
  const completedOk = (method: string) =>
    rows(stats, 'grpc.io/server/completed_rpcs').find((r) => r.tags.grpc_server_method === method && r.tags.grpc_server_status === 'OK')?.count ?? 0;

  async function unaryWith(values: Buffer[], kind: 'unary' | 'bidi' = 'unary') {
    const method = kind === 'unary' ? METHOD : 'census.test.Echo/Bidi';
    const okBefore = completedOk(method);
    const before = { completed: serverCompleted(), malformed: stats.diagnostics.get(MALFORMED), users: rows(stats, byUser) };
    const md = new grpc.Metadata();
    for (const v of values) md.add('grpc-tags-bin', v);
    const out = await run(client, kind, [{ text: 'abc' }], { metadata: md });
    await waitFor(() => serverCompleted() === before.completed + 1, 'server end');
    const after = rows(stats, byUser);
    const newUsers = after.filter((r) => !before.users.some((b) => JSON.stringify(b) === JSON.stringify(r)));
    expect(completedOk(method)).toBe(okBefore + 1); // counted once, under its method, with status OK
    return {
      response: { code: out.code, messages: out.messages },
      malformed: stats.diagnostics.get(MALFORMED) - before.malformed,
      user: newUsers.map((r) => r.tags.user ?? '(none)'),
    };
  }

  const ok = { code: 0, messages: [{ text: 'ABC' }] };

  it.each([
    ['truncated in a key', hex('00 00 05 6b 31')],
    ['truncated after a key (no value length)', hex('00 00 02 6b 31')],
    ['truncated in a value', hex('00 00 02 6b 31 09 61 62')],
    ['over 8192 bytes of keys and values (33 tags of 253 bytes)', bigTags(33)],
    ['an overlong varint', hex('00 00 ff ff ff ff ff 01 6b')],
    ['a varint cut off after its continuation bit', hex('00 00 80')],
    ['a length over 255', hex('00 00 80 02') ],
    ['an unknown version', hex('01 00 02 6b 31 02 61 62')],
    ['a key with a control byte', hex('00 00 02 6b 01 02 61 62')],
    ['a value with a non-ASCII byte', hex('00 00 02 6b 31 02 61 ff')],
    ['a value with DEL', hex('00 00 02 6b 31 02 61 7f')],
    ['an empty key', hex('00 00 00 02 61 62')],
    ['random bytes', hex('de ad be ef 00 ff 13 37')],
  ])('%s: ignored and counted; the RPC answers normally', async (_name, value) => {
    expect(() => decodeTags(value)).toThrow(TagsDecodeError); // really malformed
    expect(await unaryWith([value])).toEqual({ response: ok, malformed: 1, user: ['(none)'] });
  });

  it('an empty value: ignored and counted', async () => {
    expect(await unaryWith([Buffer.alloc(0)])).toEqual({ response: ok, malformed: 1, user: ['(none)'] });
  });

  it('exactly 8192 bytes of keys and values is accepted', async () => {
    // 32 tags of 253 bytes (8096) plus one of key "u" + 95 bytes = 8192.
    const exact = Buffer.concat([bigTags(32), hex('00 04'), Buffer.from('user'), Buffer.from([92]), Buffer.alloc(92, 0x62)]);
    expect(decodeTags(exact).size).toBe(33);
    expect(await unaryWith([exact])).toEqual({ response: ok, malformed: 0, user: ['b'.repeat(92)] });
  });

  it('an unknown field id ends parsing: the tags before it are kept, nothing is counted', async () => {
    const value = Buffer.concat([encodeTags(TagMap.from({ user: 'kept' })), hex('07 ff ff ff')]);
    expect(await unaryWith([value])).toEqual({ response: ok, malformed: 0, user: ['kept'] });
  });

  it('several values for the header: only the first is read', async () => {
    const first = encodeTags(TagMap.from({ user: 'first' }));
    const second = encodeTags(TagMap.from({ user: 'second' }));
    expect(await unaryWith([first, second, second])).toEqual({ response: ok, malformed: 0, user: ['first'] });
    // A malformed first value makes the whole header malformed, counted once however many follow.
    const many = [hex('00 00 05'), ...Array.from({ length: 50 }, () => second)];
    expect(await unaryWith(many)).toEqual({ response: ok, malformed: 1, user: ['(none)'] });
  });

  it('a streaming call (its handler starts at the headers) is unaffected too', async () => {
    expect(await unaryWith([hex('00 00 05 6b')], 'bidi')).toEqual({ response: ok, malformed: 1, user: ['(none)'] });
  });

  it('raw HTTP/2: a header that is not valid base64, and 20 separate header lines', async () => {
    const port = Number(address.split(':')[1]);
    const completed = serverCompleted();
    const okBefore = completedOk(METHOD);
    const malformed = stats.diagnostics.get(MALFORMED);
    // grpc-js decodes base64 leniently: "!!!!" decodes to no bytes, "AA==" to 00 (empty tag context, valid).
    const notBase64 = await rawUnary(port, METHOD, { 'grpc-tags-bin': '!!!!' });
    const lines = await rawUnary(port, METHOD, { 'grpc-tags-bin': Array.from({ length: 20 }, (_, i) => (i === 0 ? 'AAAF' : 'AA==')) });
    expect(notBase64).toEqual({ status: '0', text: 'ABC' });
    expect(lines).toEqual({ status: '0', text: 'ABC' });
    await waitFor(() => serverCompleted() === completed + 2, 'server ends');
    expect(completedOk(METHOD)).toBe(okBefore + 2);
    expect(stats.diagnostics.get(MALFORMED) - malformed).toBe(2);
  });

  it('200 random byte arrays (fast-check) over one connection: every RPC OK; counted exactly when decodeTags rejects', async () => {
    const completed = serverCompleted();
    const okBefore = completedOk(METHOD);
    const malformedBefore = stats.diagnostics.get(MALFORMED);
    let rejected = 0;
    let runs = 0;
    // Random bytes, and bytes behind a valid version and field id (to reach the length and string checks).
    const header = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0, 0, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(header, async (bytes) => {
        runs++;
        try {
          decodeTags(bytes);
        } catch {
          rejected++;
        }
        const md = new grpc.Metadata();
        md.set('grpc-tags-bin', Buffer.from(bytes));
        const out = await run(client, 'unary', [{ text: 'abc' }], { metadata: md });
        expect({ code: out.code, messages: out.messages }).toEqual(ok);
      }),
      { numRuns: 200 },
    );
    expect(runs).toBe(200);
    expect(rejected).toBeGreaterThan(50); // the generator does reach malformed input
    await waitFor(() => serverCompleted() === completed + 200, 'server ends');
    expect(completedOk(METHOD)).toBe(okBefore + 200);
    expect(rows(stats, 'grpc.io/server/completed_rpcs').map((r) => r.tags.grpc_server_status)).toEqual(['OK', 'OK']); // Bidi and Unary
    expect(stats.diagnostics.get(MALFORMED) - malformedBefore).toBe(rejected);
    // Nothing else was counted along the way: no internal error, no handler error.
    expect(Object.keys(stats.diagnostics.snapshot())).toEqual([MALFORMED]);
  });
});
