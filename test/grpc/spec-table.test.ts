import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as census from '../../src';
import type { Measure, View } from '../../src';

// The spec table as a fixture (opencensus-go plugin/ocgrpc/*_spec_test.go):
// every measure, view, bucket set and tag key, pinned.

const BYTES = [1024, 2048, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, 268435456, 1073741824, 4294967296];
const MILLIS = [
  0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400, 500,
  650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];
const COUNTS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

const measures: [keyof typeof census, string, 'int64' | 'float64', string, string][] = [
  ['ClientSentMessagesPerRPC', 'grpc.io/client/sent_messages_per_rpc', 'int64', '1', 'Number of messages sent in the RPC (always 1 for non-streaming RPCs).'],
  ['ClientSentBytesPerRPC', 'grpc.io/client/sent_bytes_per_rpc', 'int64', 'By', 'Total bytes sent across all request messages per RPC.'],
  ['ClientReceivedMessagesPerRPC', 'grpc.io/client/received_messages_per_rpc', 'int64', '1', 'Number of response messages received per RPC (always 1 for non-streaming RPCs).'],
  ['ClientReceivedBytesPerRPC', 'grpc.io/client/received_bytes_per_rpc', 'int64', 'By', 'Total bytes received across all response messages per RPC.'],
  ['ClientRoundtripLatency', 'grpc.io/client/roundtrip_latency', 'float64', 'ms', 'Time between first byte of request sent to last byte of response received, or terminal error.'],
  ['ClientServerLatency', 'grpc.io/client/server_latency', 'float64', 'ms', 'Propagated from the server and should have the same value as "grpc.io/server/latency".'],
  ['ClientStartedRPCs', 'grpc.io/client/started_rpcs', 'int64', '1', 'Number of started client RPCs.'],
  ['ServerReceivedMessagesPerRPC', 'grpc.io/server/received_messages_per_rpc', 'int64', '1', 'Number of messages received in each RPC. Has value 1 for non-streaming RPCs.'],
  ['ServerReceivedBytesPerRPC', 'grpc.io/server/received_bytes_per_rpc', 'int64', 'By', 'Total bytes received across all messages per RPC.'],
  ['ServerSentMessagesPerRPC', 'grpc.io/server/sent_messages_per_rpc', 'int64', '1', 'Number of messages sent in each RPC. Has value 1 for non-streaming RPCs.'],
  ['ServerSentBytesPerRPC', 'grpc.io/server/sent_bytes_per_rpc', 'int64', 'By', 'Total bytes sent in across all response messages per RPC.'],
  ['ServerLatency', 'grpc.io/server/server_latency', 'float64', 'ms', 'Time between first byte of request received to last byte of response sent, or terminal error.'],
  ['ServerStartedRPCs', 'grpc.io/server/started_rpcs', 'int64', '1', 'Number of started server RPCs.'],
];

type Agg = ['count'] | ['distribution', number[]];
const views: [keyof typeof census, string, string, string, Agg, string[]][] = [
  ['ClientSentBytesPerRPCView', 'grpc.io/client/sent_bytes_per_rpc', 'grpc.io/client/sent_bytes_per_rpc', 'Distribution of bytes sent per RPC, by method.', ['distribution', BYTES], ['grpc_client_method']],
  ['ClientReceivedBytesPerRPCView', 'grpc.io/client/received_bytes_per_rpc', 'grpc.io/client/received_bytes_per_rpc', 'Distribution of bytes received per RPC, by method.', ['distribution', BYTES], ['grpc_client_method']],
  ['ClientRoundtripLatencyView', 'grpc.io/client/roundtrip_latency', 'grpc.io/client/roundtrip_latency', 'Distribution of round-trip latency, by method.', ['distribution', MILLIS], ['grpc_client_method']],
  ['ClientCompletedRPCsView', 'grpc.io/client/completed_rpcs', 'grpc.io/client/roundtrip_latency', 'Count of RPCs by method and status.', ['count'], ['grpc_client_method', 'grpc_client_status']],
  ['ClientStartedRPCsView', 'grpc.io/client/started_rpcs', 'grpc.io/client/started_rpcs', 'Number of started client RPCs.', ['count'], ['grpc_client_method']],
  ['ClientSentMessagesPerRPCView', 'grpc.io/client/sent_messages_per_rpc', 'grpc.io/client/sent_messages_per_rpc', 'Distribution of sent messages count per RPC, by method.', ['distribution', COUNTS], ['grpc_client_method']],
  ['ClientReceivedMessagesPerRPCView', 'grpc.io/client/received_messages_per_rpc', 'grpc.io/client/received_messages_per_rpc', 'Distribution of received messages count per RPC, by method.', ['distribution', COUNTS], ['grpc_client_method']],
  ['ClientServerLatencyView', 'grpc.io/client/server_latency', 'grpc.io/client/server_latency', 'Distribution of server latency as viewed by client, by method.', ['distribution', MILLIS], ['grpc_client_method']],
  ['ServerReceivedBytesPerRPCView', 'grpc.io/server/received_bytes_per_rpc', 'grpc.io/server/received_bytes_per_rpc', 'Distribution of received bytes per RPC, by method.', ['distribution', BYTES], ['grpc_server_method']],
  ['ServerSentBytesPerRPCView', 'grpc.io/server/sent_bytes_per_rpc', 'grpc.io/server/sent_bytes_per_rpc', 'Distribution of total sent bytes per RPC, by method.', ['distribution', BYTES], ['grpc_server_method']],
  ['ServerLatencyView', 'grpc.io/server/server_latency', 'grpc.io/server/server_latency', 'Distribution of server latency in milliseconds, by method.', ['distribution', MILLIS], ['grpc_server_method']],
  ['ServerCompletedRPCsView', 'grpc.io/server/completed_rpcs', 'grpc.io/server/server_latency', 'Count of RPCs by method and status.', ['count'], ['grpc_server_method', 'grpc_server_status']],
  ['ServerStartedRPCsView', 'grpc.io/server/started_rpcs', 'grpc.io/server/started_rpcs', 'Number of started server RPCs.', ['count'], ['grpc_server_method']],
  ['ServerReceivedMessagesPerRPCView', 'grpc.io/server/received_messages_per_rpc', 'grpc.io/server/received_messages_per_rpc', 'Distribution of messages received count per RPC, by method.', ['distribution', COUNTS], ['grpc_server_method']],
  ['ServerSentMessagesPerRPCView', 'grpc.io/server/sent_messages_per_rpc', 'grpc.io/server/sent_messages_per_rpc', 'Distribution of messages sent count per RPC, by method.', ['distribution', COUNTS], ['grpc_server_method']],
];

describe('gRPC spec table', () => {
  it.each(measures)('%s is %s (%s, %s)', (exported, name, type, unit, description) => {
    const m = census[exported] as Measure;
    expect({ name: m.name, type: m.type, unit: m.unit, description: m.description }).toEqual({ name, type, unit, description });
  });

  it.each(views)('%s is view %s over %s', (exported, name, measure, description, [aggregation, bounds], tagKeys) => {
    const v = census[exported] as View;
    expect({
      name: v.name,
      measure: v.measure.name,
      description: v.description,
      aggregation: v.aggregation.type,
      bounds: [...v.aggregation.bounds],
      percentiles: v.aggregation.percentiles,
      tagKeys: v.tagKeys.map((k) => k.name),
    }).toEqual({ name, measure, description, aggregation, bounds: bounds ?? [], percentiles: false, tagKeys });
  });

  it('has the three bucket sets of opencensus-go, without a 0 bound', () => {
    expect([...census.DefaultBytesDistribution.bounds]).toEqual(BYTES);
    expect([...census.DefaultMillisecondsDistribution.bounds]).toEqual(MILLIS);
    expect([...census.DefaultMessageCountDistribution.bounds]).toEqual(COUNTS);
  });

  it('has the four tag keys', () => {
    expect([census.KeyClientMethod, census.KeyClientStatus, census.KeyServerMethod, census.KeyServerStatus].map((k) => k.name)).toEqual([
      'grpc_client_method',
      'grpc_client_status',
      'grpc_server_method',
      'grpc_server_status',
    ]);
  });

  it('groups the views as the spec does: 5 default and 3 extra client views, 5 default and 2 extra server views', () => {
    const names = (vs: View[]) => vs.map((v) => v.name);
    expect(names(census.DefaultClientViews)).toEqual([
      'grpc.io/client/sent_bytes_per_rpc',
      'grpc.io/client/received_bytes_per_rpc',
      'grpc.io/client/roundtrip_latency',
      'grpc.io/client/completed_rpcs',
      'grpc.io/client/started_rpcs',
    ]);
    expect(names(census.ExtraClientViews)).toEqual([
      'grpc.io/client/sent_messages_per_rpc',
      'grpc.io/client/received_messages_per_rpc',
      'grpc.io/client/server_latency',
    ]);
    expect(names(census.DefaultServerViews)).toEqual([
      'grpc.io/server/received_bytes_per_rpc',
      'grpc.io/server/sent_bytes_per_rpc',
      'grpc.io/server/server_latency',
      'grpc.io/server/completed_rpcs',
      'grpc.io/server/started_rpcs',
    ]);
    expect(names(census.ExtraServerViews)).toEqual(['grpc.io/server/received_messages_per_rpc', 'grpc.io/server/sent_messages_per_rpc']);
    const all = [...census.DefaultClientViews, ...census.ExtraClientViews, ...census.DefaultServerViews, ...census.ExtraServerViews];
    expect(new Set(all).size).toBe(15);
    const stats = new census.Stats();
    stats.registerView(...all);
    expect(stats.registeredViews()).toHaveLength(15);
  });

  it.each([
    [0, 'OK'], [1, 'CANCELLED'], [2, 'UNKNOWN'], [3, 'INVALID_ARGUMENT'], [4, 'DEADLINE_EXCEEDED'], [5, 'NOT_FOUND'],
    [6, 'ALREADY_EXISTS'], [7, 'PERMISSION_DENIED'], [8, 'RESOURCE_EXHAUSTED'], [9, 'FAILED_PRECONDITION'], [10, 'ABORTED'],
    [11, 'OUT_OF_RANGE'], [12, 'UNIMPLEMENTED'], [13, 'INTERNAL'], [14, 'UNAVAILABLE'], [15, 'DATA_LOSS'], [16, 'UNAUTHENTICATED'],
    [17, 'CODE_17'], [42, 'CODE_42'], [-1, 'CODE_-1'],
  ])('names status %i %s', (code, name) => {
    expect(census.statusName(code)).toBe(name);
  });

  describe('docs/metrics-reference.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'metrics-reference.md'), 'utf8');
    it.each(measures)('lists measure %s with its name, type, unit and description', (exported, name, type, unit, description) => {
      expect(doc).toContain(`| \`${exported}\` | \`${name}\` | ${type} | \`${unit}\` | ${description} |`);
    });
    it.each(views)('lists view %s with its default Prometheus name', (exported, name, measure) => {
      const prom = name.replace(/[^A-Za-z0-9_]/g, '_');
      expect(doc).toContain(`| \`${exported}\` | \`${name}\` | \`${measure}\` |`);
      expect(doc).toContain(`\`${prom}\``);
    });
  });
});
