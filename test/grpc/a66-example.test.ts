import { requireBuiltDist, runExample } from '../support/run-node';

// examples/a66 runs as a user runs it and prints exactly these rows (the
// ephemeral port replaced): 3 attempts and 1 call for the retried request,
// gzip-compressed request sizes, and the generic call recorded as "other".

beforeAll(requireBuiltDist);

const T = 'grpc.target=dns:///127.0.0.1:PORT';
const M = 'grpc.method=demo.Greeter/SayHello';
// { name: 'world' } and { name: 'flaky' } are 7 serialized bytes, 27 with gzip; each reply 13 bytes, never compressed.
const expected = [
  'Hello world',
  'Hello flaky',
  'unknown method: status 12',
  `grpc.client.attempt.started {${M} ${T}} 4`,
  `grpc.client.attempt.started {grpc.method=other ${T}} 1`,
  `grpc.client.attempt.duration {${M} ${T} grpc.status=OK} count=2`,
  `grpc.client.attempt.duration {${M} ${T} grpc.status=UNAVAILABLE} count=2`,
  `grpc.client.attempt.duration {grpc.method=other ${T} grpc.status=UNIMPLEMENTED} count=1`,
  `grpc.client.attempt.sent_total_compressed_message_size {${M} ${T} grpc.status=OK} count=2 sum=54`,
  `grpc.client.attempt.sent_total_compressed_message_size {${M} ${T} grpc.status=UNAVAILABLE} count=2 sum=54`,
  `grpc.client.attempt.sent_total_compressed_message_size {grpc.method=other ${T} grpc.status=UNIMPLEMENTED} count=1 sum=0`,
  `grpc.client.attempt.rcvd_total_compressed_message_size {${M} ${T} grpc.status=OK} count=2 sum=26`,
  `grpc.client.attempt.rcvd_total_compressed_message_size {${M} ${T} grpc.status=UNAVAILABLE} count=2 sum=0`,
  `grpc.client.attempt.rcvd_total_compressed_message_size {grpc.method=other ${T} grpc.status=UNIMPLEMENTED} count=1 sum=0`,
  `grpc.client.call.duration {${M} ${T} grpc.status=OK} count=2`,
  `grpc.client.call.duration {grpc.method=other ${T} grpc.status=UNIMPLEMENTED} count=1`,
  `grpc.server.call.started {${M}} 4`,
  'grpc.server.call.started {grpc.method=other} 1',
  `grpc.server.call.sent_total_compressed_message_size {${M} grpc.status=OK} count=2 sum=26`,
  `grpc.server.call.sent_total_compressed_message_size {${M} grpc.status=UNAVAILABLE} count=2 sum=0`,
  'grpc.server.call.sent_total_compressed_message_size {grpc.method=other grpc.status=UNIMPLEMENTED} count=1 sum=0',
  `grpc.server.call.rcvd_total_compressed_message_size {${M} grpc.status=OK} count=2 sum=54`,
  `grpc.server.call.rcvd_total_compressed_message_size {${M} grpc.status=UNAVAILABLE} count=2 sum=54`,
  'grpc.server.call.rcvd_total_compressed_message_size {grpc.method=other grpc.status=UNIMPLEMENTED} count=1 sum=0',
  `grpc.server.call.duration {${M} grpc.status=OK} count=2`,
  `grpc.server.call.duration {${M} grpc.status=UNAVAILABLE} count=2`,
  'grpc.server.call.duration {grpc.method=other grpc.status=UNIMPLEMENTED} count=1',
];

describe('examples/a66', () => {
  it('prints the A66 rows of a retried, compressed call and of a generic one, then the Prometheus lines', async () => {
    const run = await runExample('a66', 'a66.js');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n').map((l) => l.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT'));
    expect(lines.slice(0, expected.length)).toEqual(expected);
    const prom = lines.slice(expected.length);
    expect(prom.filter((l) => l.startsWith('grpc_client_attempt_started'))).toHaveLength(2);
    expect(prom.filter((l) => l.startsWith('grpc_server_call_started'))).toHaveLength(2);
    expect(prom.join('\n')).toContain('grpc_method="other"');
  });
});
