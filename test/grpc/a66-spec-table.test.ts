import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as census from '../../src';
import * as grpcEntry from '../../src/grpc';
import type { Measure, View } from '../../src';

// gRFC A66's instrument table (grpc/proposal A66-otel-stats.md) as a fixture:
// every measure, view, bucket bound and attribute, pinned.

const LATENCY = [
  0, 0.00001, 0.00005, 0.0001, 0.0003, 0.0006, 0.0008, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.013, 0.016, 0.02,
  0.025, 0.03, 0.04, 0.05, 0.065, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.65, 0.8, 1, 2, 5, 10, 20, 50, 100,
];
const SIZE = [0, 1024, 2048, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, 268435456, 1073741824, 4294967296];
const M = 'grpc.method';
const S = 'grpc.status';
const T = 'grpc.target';

// exported measure, exported view, instrument name, measure type, unit, aggregation, attributes
const table: [keyof typeof census, keyof typeof census, string, 'int64' | 'float64', string, 'count' | number[], string[]][] = [
  ['A66ClientAttemptStarted', 'A66ClientAttemptStartedView', 'grpc.client.attempt.started', 'int64', '{attempt}', 'count', [M, T]],
  ['A66ClientAttemptDuration', 'A66ClientAttemptDurationView', 'grpc.client.attempt.duration', 'float64', 's', LATENCY, [M, T, S]],
  ['A66ClientAttemptSentTotalCompressedMessageSize', 'A66ClientAttemptSentTotalCompressedMessageSizeView',
    'grpc.client.attempt.sent_total_compressed_message_size', 'int64', 'By', SIZE, [M, T, S]],
  ['A66ClientAttemptRcvdTotalCompressedMessageSize', 'A66ClientAttemptRcvdTotalCompressedMessageSizeView',
    'grpc.client.attempt.rcvd_total_compressed_message_size', 'int64', 'By', SIZE, [M, T, S]],
  ['A66ClientCallDuration', 'A66ClientCallDurationView', 'grpc.client.call.duration', 'float64', 's', LATENCY, [M, T, S]],
  ['A66ServerCallStarted', 'A66ServerCallStartedView', 'grpc.server.call.started', 'int64', '{call}', 'count', [M]],
  ['A66ServerCallSentTotalCompressedMessageSize', 'A66ServerCallSentTotalCompressedMessageSizeView',
    'grpc.server.call.sent_total_compressed_message_size', 'int64', 'By', SIZE, [M, S]],
  ['A66ServerCallRcvdTotalCompressedMessageSize', 'A66ServerCallRcvdTotalCompressedMessageSizeView',
    'grpc.server.call.rcvd_total_compressed_message_size', 'int64', 'By', SIZE, [M, S]],
  ['A66ServerCallDuration', 'A66ServerCallDurationView', 'grpc.server.call.duration', 'float64', 's', LATENCY, [M, S]],
];

describe('gRFC A66 instrument table', () => {
  it.each(table)('%s / %s is %s', (measureName, viewName, instrument, type, unit, aggregation, attributes) => {
    const measure = census[measureName] as Measure;
    const view = census[viewName] as View;
    expect({ name: measure.name, type: measure.type, unit: measure.unit }).toEqual({ name: instrument, type, unit });
    expect(view.name).toBe(instrument);
    expect(view.measure).toBe(measure);
    expect(view.description).toBe(measure.description);
    expect(view.tagKeys.map((k) => k.name)).toEqual(attributes);
    if (aggregation === 'count') {
      expect(view.aggregation.type).toBe('count');
    } else {
      expect(view.aggregation.type).toBe('distribution');
      expect([...view.aggregation.bounds]).toEqual(aggregation);
      expect(view.aggregation.upperInclusive).toBe(true);
      expect(view.aggregation.percentiles).toBe(false);
    }
  });

  it('groups five client and four server views, in A66 order, frozen', () => {
    expect(census.A66ClientViews.map((v) => v.name)).toEqual(table.slice(0, 5).map((r) => r[2]));
    expect(census.A66ServerViews.map((v) => v.name)).toEqual(table.slice(5).map((r) => r[2]));
    expect(Object.isFrozen(census.A66ClientViews)).toBe(true);
    expect(Object.isFrozen(census.A66ServerViews)).toBe(true);
  });

  it('has the three attribute keys', () => {
    expect([census.KeyGrpcMethod, census.KeyGrpcStatus, census.KeyGrpcTarget].map((k) => k.name)).toEqual([M, S, T]);
  });

  it('registers beside every OpenCensus view on one Stats', () => {
    const stats = new census.Stats();
    const oc = [...census.DefaultClientViews, ...census.ExtraClientViews, ...census.DefaultServerViews, ...census.ExtraServerViews];
    stats.registerView(...oc, ...census.A66ClientViews, ...census.A66ServerViews);
    expect(stats.registeredViews()).toHaveLength(24);
  });

  it('exports the same objects from the root and from the grpc entry point', () => {
    for (const [measure, view] of table) {
      expect(grpcEntry[measure as keyof typeof grpcEntry]).toBe(census[measure]);
      expect(grpcEntry[view as keyof typeof grpcEntry]).toBe(census[view]);
    }
    for (const name of ['A66ClientViews', 'A66ServerViews', 'KeyGrpcMethod', 'KeyGrpcStatus', 'KeyGrpcTarget'] as const) {
      expect(grpcEntry[name]).toBe(census[name]);
    }
  });

  describe('bucket placement is upper-inclusive with the 0 bound kept', () => {
    // value → index of the bucket it lands in
    it.each([
      [0, 0], [1, 1], [1024, 1], [1025, 2], [4294967296, 13], [4294967297, 14],
    ])('a %d-byte total counts in size bucket %d', (value, bucket) => {
      const stats = new census.Stats();
      stats.registerView(census.A66ServerCallRcvdTotalCompressedMessageSizeView);
      stats.recordValue(census.A66ServerCallRcvdTotalCompressedMessageSize, value);
      const [row] = stats.retrieveData(census.A66ServerCallRcvdTotalCompressedMessageSizeView);
      const data = row.data as Extract<typeof row.data, { type: 'distribution' }>;
      const expected = new Array(SIZE.length + 1).fill(0);
      expected[bucket] = 1;
      expect(data.bucketCounts).toEqual(expected);
    });

    it.each([
      [0, 0], [0.00001, 1], [0.000011, 2], [100, 40], [100.5, 41],
    ])('a %d s duration counts in latency bucket %d', (value, bucket) => {
      const stats = new census.Stats();
      stats.registerView(census.A66ServerCallDurationView);
      stats.recordValue(census.A66ServerCallDuration, value);
      const [row] = stats.retrieveData(census.A66ServerCallDurationView);
      const data = row.data as Extract<typeof row.data, { type: 'distribution' }>;
      expect(data.bucketCounts.indexOf(1)).toBe(bucket);
      expect(data.bucketCounts.reduce((a, b) => a + b, 0)).toBe(1);
    });
  });

  describe('docs/metrics-reference.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'metrics-reference.md'), 'utf8');
    it.each(table)('lists %s / %s with its instrument, type and unit', (measure, view, instrument, type, unit) => {
      expect(doc).toContain(`| \`${measure}\` | \`${view}\` | \`${instrument}\` | ${type} | \`${unit}\` |`);
    });
    it('lists both A66 bucket sets exactly', () => {
      expect(doc).toContain(`| \`A66LatencyDistribution\` | the three \`*.duration\` views | ${LATENCY.join(', ')} |`);
      expect(doc).toContain(`| \`A66SizeDistribution\` | the four \`*_compressed_message_size\` views | ${SIZE.join(', ')} |`);
    });
  });
});
