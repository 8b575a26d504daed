import * as grpc from '@grpc/grpc-js';
import { Stats, TagMap, clientOptions, createServer, currentTags, withTags } from '../../src';
import { tagContextWays, useTagContextWay } from '../../src/tags';
import { EchoService, type Msg } from './helpers/echo-service';
import { echoClient, listen, run } from './helpers/harness';
import { waitFor } from './helpers/views';

// A server RPC enters its tag context once per delivery: the handler, every
// request message of a streaming request, and the 'cancelled' listeners at
// the end. Where AsyncLocalStorage keeps contexts in frames (Node 24) the
// first entry enters a frame kept on the TagMap ('frames') or copies one and
// captures it ('reenter'), and the later entries re-enter it; elsewhere each
// entry is a plain `run`. Every way must give every piece of handler code the
// same tags, each RPC its own. Every way this Node has runs here ('frames'
// only exists where Node's frames do: the matrix runs the suite on Node 20,
// 22 and 24).

type Seen = Record<string, Record<string, string>>;
const seen = new Map<string, Seen>();
const note = (user: string, what: string) => {
  const s = seen.get(user) ?? {};
  s[what] = currentTags().toObject();
  seen.set(user, s);
};
const userOf = (call: { metadata: grpc.Metadata }) => String(call.metadata.get('x-user')[0]);

const impl: grpc.UntypedServiceImplementation = {
  async Unary(call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
    const user = userOf(call);
    note(user, 'handler');
    call.on('cancelled', () => note(user, 'cancelled'));
    await new Promise((r) => setTimeout(r, 5));
    note(user, 'afterAwait');
    cb(null, { text: call.request.text });
  },
  ClientStream(call: grpc.ServerReadableStream<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) {
    const user = userOf(call);
    note(user, 'handler');
    let n = 0;
    call.on('data', () => note(user, `data${n++}`));
    call.on('end', () => {
      note(user, 'end');
      setImmediate(() => {
        note(user, 'immediate');
        cb(null, { text: String(n) });
      });
    });
  },
  Bidi(call: grpc.ServerDuplexStream<Msg, Msg>) {
    const user = userOf(call);
    let n = 0;
    call.on('data', (m: Msg) => {
      note(user, `data${n++}`);
      call.write(m);
    });
    call.on('end', () => call.end());
    call.on('cancelled', () => note(user, 'cancelled'));
  },
};

const metadataFor = (user: string) => {
  const md = new grpc.Metadata();
  md.set('x-user', user);
  return md;
};

describe.each(tagContextWays())('handler tag context, entered the %s way', (way) => {
  let server: grpc.Server;
  let client: grpc.Client;

  beforeAll(async () => {
    useTagContextWay(way);
    const stats = new Stats();
    server = createServer({ census: { stats } });
    server.addService(EchoService, impl);
    client = echoClient(await listen(server), clientOptions({ stats }));
  });

  afterAll(() => {
    useTagContextWay();
    client.close();
    server.forceShutdown();
  });

  beforeEach(() => seen.clear());

  const callerTags = (user: string) => TagMap.from({ user });
  const expected = (user: string, method: string) => ({ user, grpc_server_method: `census.test.Echo/${method}` });

  it('unary: the handler, its continuation and its "cancelled" listener, for concurrent RPCs of different callers', async () => {
    const users = ['ann', 'bob', 'cyd', 'dee'];
    await Promise.all(users.map((u) => withTags(callerTags(u), () => run(client, 'unary', [{ text: u }], { metadata: metadataFor(u) }))));
    await waitFor(() => users.every((u) => seen.get(u)?.cancelled !== undefined), "every 'cancelled' listener ran");
    for (const u of users) {
      const tags = expected(u, 'Unary');
      expect(seen.get(u)).toEqual({ handler: tags, afterAwait: tags, cancelled: tags });
    }
  });

  it('client streaming: the handler, each message, the end and what it schedules', async () => {
    const users = ['eve', 'fay'];
    const outs = await Promise.all(
      users.map((u) => withTags(callerTags(u), () => run(client, 'clientStream', [{ text: 'a' }, { text: 'b' }, { text: 'c' }], { metadata: metadataFor(u) }))),
    );
    expect(outs.map((o) => o.messages)).toEqual([[{ text: '3' }], [{ text: '3' }]]);
    for (const u of users) {
      const tags = expected(u, 'ClientStream');
      expect(seen.get(u)).toEqual({ handler: tags, data0: tags, data1: tags, data2: tags, end: tags, immediate: tags });
    }
  });

  it('bidi: every message and the "cancelled" listener', async () => {
    const out = await withTags(callerTags('gus'), () => run(client, 'bidi', [{ text: 'a' }, { text: 'b' }], { metadata: metadataFor('gus') }));
    expect(out.messages).toEqual([{ text: 'a' }, { text: 'b' }]);
    await waitFor(() => seen.get('gus')?.cancelled !== undefined, "the 'cancelled' listener ran");
    const tags = expected('gus', 'Bidi');
    expect(seen.get('gus')).toEqual({ data0: tags, data1: tags, cancelled: tags });
  });
});
