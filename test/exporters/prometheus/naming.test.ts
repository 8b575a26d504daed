import { Aggregation, Measure, View } from '../../../src';
import { sanitizeName, viewFamilies } from '../../../src/exporters/prometheus/naming';
import { ALL_GRPC_VIEWS } from './fixtures/grpc-views';

describe('sanitizeName (opencensus-go rules)', () => {
  test.each([
    ['grpc.io/server/server_latency', 'grpc_io_server_server_latency'],
    ['test/key-1', 'test_key_1'],
    ['0123456789', 'key_0123456789'],
    ['_0123456789', 'key_0123456789'],
    ['/0123456789', 'key_0123456789'],
    ['a:b c', 'a_b_c'],
    ['ABCxyz_09', 'ABCxyz_09'],
    ['a'.repeat(101), 'a'.repeat(100)],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeName(input)).toBe(expected);
  });
});

// The name table of docs/prometheus.md: [view, opencensus naming, prometheus naming, type].
const TABLE: [string, string, string, string][] = [
  ['grpc.io/client/sent_bytes_per_rpc', 'grpc_io_client_sent_bytes_per_rpc', 'grpc_io_client_sent_bytes_per_rpc_bytes', 'histogram'],
  ['grpc.io/client/received_bytes_per_rpc', 'grpc_io_client_received_bytes_per_rpc', 'grpc_io_client_received_bytes_per_rpc_bytes', 'histogram'],
  ['grpc.io/client/roundtrip_latency', 'grpc_io_client_roundtrip_latency', 'grpc_io_client_roundtrip_latency_seconds', 'histogram'],
  ['grpc.io/client/completed_rpcs', 'grpc_io_client_completed_rpcs', 'grpc_io_client_completed_rpcs_total', 'counter'],
  ['grpc.io/client/started_rpcs', 'grpc_io_client_started_rpcs', 'grpc_io_client_started_rpcs_total', 'counter'],
  ['grpc.io/client/sent_messages_per_rpc', 'grpc_io_client_sent_messages_per_rpc', 'grpc_io_client_sent_messages_per_rpc', 'histogram'],
  ['grpc.io/client/received_messages_per_rpc', 'grpc_io_client_received_messages_per_rpc', 'grpc_io_client_received_messages_per_rpc', 'histogram'],
  ['grpc.io/client/server_latency', 'grpc_io_client_server_latency', 'grpc_io_client_server_latency_seconds', 'histogram'],
  ['grpc.io/server/sent_bytes_per_rpc', 'grpc_io_server_sent_bytes_per_rpc', 'grpc_io_server_sent_bytes_per_rpc_bytes', 'histogram'],
  ['grpc.io/server/received_bytes_per_rpc', 'grpc_io_server_received_bytes_per_rpc', 'grpc_io_server_received_bytes_per_rpc_bytes', 'histogram'],
  ['grpc.io/server/server_latency', 'grpc_io_server_server_latency', 'grpc_io_server_server_latency_seconds', 'histogram'],
  ['grpc.io/server/completed_rpcs', 'grpc_io_server_completed_rpcs', 'grpc_io_server_completed_rpcs_total', 'counter'],
  ['grpc.io/server/started_rpcs', 'grpc_io_server_started_rpcs', 'grpc_io_server_started_rpcs_total', 'counter'],
  ['grpc.io/server/sent_messages_per_rpc', 'grpc_io_server_sent_messages_per_rpc', 'grpc_io_server_sent_messages_per_rpc', 'histogram'],
  ['grpc.io/server/received_messages_per_rpc', 'grpc_io_server_received_messages_per_rpc', 'grpc_io_server_received_messages_per_rpc', 'histogram'],
];

describe('names of the 15 gRPC views', () => {
  test('the fixture holds all 15 views', () => {
    expect(ALL_GRPC_VIEWS.map((v) => v.name).sort()).toEqual(TABLE.map((r) => r[0]).sort());
  });

  test.each(TABLE)('%s → %s | %s (%s)', (viewName, goName, promName, type) => {
    const view = ALL_GRPC_VIEWS.find((v) => v.name === viewName)!;
    const go = viewFamilies(view, '', 'opencensus').main;
    const prom = viewFamilies(view, '', 'prometheus').main;
    expect([go.name, go.type, go.divisor]).toEqual([goName, type, 1]);
    expect([prom.name, prom.type]).toEqual([promName, type]);
    // Only latency distributions are rescaled (ms → s); counts of a ms measure never are.
    expect(prom.divisor).toBe(promName.endsWith('_seconds') ? 1000 : 1);
    expect(go.labelNames).toEqual(view.tagKeys.map((k) => k.name));
  });

  test('a namespace prefixes every name with "_"', () => {
    const view = ALL_GRPC_VIEWS.find((v) => v.name === 'grpc.io/client/roundtrip_latency')!;
    expect(viewFamilies(view, 'ns', 'opencensus').main.name).toBe('ns_grpc_io_client_roundtrip_latency');
    expect(viewFamilies(view, 'ns', 'prometheus').main.name).toBe('ns_grpc_io_client_roundtrip_latency_seconds');
  });
});

describe('prometheus naming details', () => {
  const m = Measure.float64('naming.test/duration_seconds', 'd', 's');
  const us = Measure.float64('naming.test/micro', 'd', 'us');
  const other = Measure.int64('naming.test/things', '', '{thing}');

  test('a unit suffix already present is not repeated, and _total is added once', () => {
    expect(viewFamilies(new View({ name: 'x/duration_seconds', measure: m, aggregation: Aggregation.sum() }), '', 'prometheus').main).toMatchObject({
      name: 'x_duration_seconds_total',
      divisor: 1,
    });
    expect(viewFamilies(new View({ name: 'x/calls_total', measure: m, aggregation: Aggregation.count() }), '', 'prometheus').main.name).toBe('x_calls_total');
  });

  test('microseconds become seconds; unknown units add no suffix; an empty description falls back to the view name', () => {
    expect(viewFamilies(new View({ name: 'x/t', measure: us, aggregation: Aggregation.lastValue() }), '', 'prometheus').main).toMatchObject({
      name: 'x_t_seconds',
      type: 'gauge',
      divisor: 1e6,
    });
    expect(viewFamilies(new View({ name: 'x/n', measure: other, aggregation: Aggregation.lastValue() }), '', 'prometheus').main).toMatchObject({
      name: 'x_n',
      help: 'x/n',
      divisor: 1,
    });
  });

  test('percentile distributions add a summary family named <name>_quantiles (unit suffix last)', () => {
    const ms = Measure.float64('naming.test/latency', 'Latency', 'ms');
    const view = new View({ name: 'x/latency', measure: ms, aggregation: Aggregation.distribution([1, 2], { percentiles: true }) });
    expect(viewFamilies(view, '', 'opencensus').quantiles).toMatchObject({ name: 'x_latency_quantiles', type: 'summary', divisor: 1 });
    expect(viewFamilies(view, '', 'prometheus').quantiles).toMatchObject({ name: 'x_latency_quantiles_seconds', type: 'summary', divisor: 1000 });
  });
});
