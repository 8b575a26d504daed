import { collectDefaultMetrics, Counter, Registry, register as globalRegister, type RegistryContentType } from 'prom-client';
import { Aggregation, Measure, PrometheusExporter, Stats, TagKey, TagMap, View, stats as defaultStats } from '../../../src';
import { client } from './fixtures/grpc-views';
import { setup } from './helpers';

const lat = client.measures.latency;
const tags = TagMap.from({ grpc_client_method: 'pkg.Svc/M', grpc_client_status: 'OK' });
const exporters: PrometheusExporter[] = [];
afterEach(async () => {
  await Promise.all(exporters.splice(0).map((e) => e.stop()));
});
function track<T extends { exporter: PrometheusExporter }>(s: T): T {
  exporters.push(s.exporter);
  return s;
}
const names = (r: Registry) => r.getMetricsAsArray().map((m) => m.name);

describe('views follow registration', () => {
  test('views registered before and after the exporter appear; unregistered ones leave; re-registered ones restart at zero', async () => {
    const stats = new Stats();
    stats.registerView(client.views.completed);
    const registry = new Registry();
    exporters.push(new PrometheusExporter({ stats, registry }));
    stats.registerView(client.views.started);
    expect(names(registry)).toEqual(['grpc_io_client_completed_rpcs', 'grpc_io_client_started_rpcs']);

    stats.record(lat.m(1), tags);
    stats.unregisterView(client.views.completed);
    expect(names(registry)).toEqual(['grpc_io_client_started_rpcs']);
    expect(await registry.metrics()).not.toContain('completed');

    stats.registerView(client.views.completed);
    stats.record(lat.m(1), tags);
    expect(await registry.metrics()).toContain('grpc_io_client_completed_rpcs{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 1\n');
  });

  test('stop() removes the views from the registry, keeps the other metrics, stops following, and is idempotent', async () => {
    const { stats, registry, exporter } = track(setup());
    new Counter({ name: 'app_requests_total', help: 'Requests.', registers: [registry] }).inc(2);
    stats.registerView(client.views.completed);
    await exporter.stop();
    stats.registerView(client.views.started);
    expect(names(registry)).toEqual(['app_requests_total']);
    await exporter.stop();
    await expect(exporter.startServer({ port: 0 })).rejects.toThrow(/after stop/);
  });

  test('defaults: the process-wide stats and prom-client global register', async () => {
    const view = new View({ name: 'lifecycle.test/default', description: 'D.', measure: Measure.int64('lifecycle.test/default_m', '', '1'), aggregation: Aggregation.count() });
    defaultStats.registerView(view);
    try {
      const exporter = new PrometheusExporter();
      exporters.push(exporter);
      defaultStats.record(view.measure.m(1), TagMap.EMPTY);
      expect(await globalRegister.getSingleMetricAsString('lifecycle_test_default')).toBe('# HELP lifecycle_test_default D.\n# TYPE lifecycle_test_default counter\nlifecycle_test_default 1');
      expect(await exporter.metrics()).toBe(await globalRegister.metrics());
    } finally {
      defaultStats.unregisterView(view);
    }
    expect(globalRegister.getSingleMetric('lifecycle_test_default')).toBeUndefined();
  });
});

describe('living with the rest of the registry', () => {
  test("beside the user's own metrics and collectDefaultMetrics", async () => {
    const { stats, registry } = track(setup());
    collectDefaultMetrics({ register: registry });
    new Counter({ name: 'app_requests_total', help: 'Requests.', registers: [registry] }).inc(3);
    stats.registerView(client.views.completed);
    stats.record(lat.m(1), tags);
    const text = await registry.metrics();
    expect(text).toContain('\napp_requests_total 3\n');
    expect(text).toMatch(/\nprocess_cpu_user_seconds_total \d/);
    expect(text).toContain('\ngrpc_io_client_completed_rpcs{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 1\n');
  });

  test('getMetricsAsJSON and resetMetrics: JSON carries the samples; views are cumulative and survive a reset', async () => {
    const { stats, registry } = track(setup());
    stats.registerView(client.views.sentMessages);
    stats.record(client.measures.sentMessages.m(1), tags);
    registry.resetMetrics();
    const json = await registry.getMetricsAsJSON();
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ name: 'grpc_io_client_sent_messages_per_rpc', type: 'histogram', aggregator: 'sum' });
    const values = (json[0] as unknown as { values: { metricName: string; labels: Record<string, string>; value: number }[] }).values;
    expect(values[0]).toEqual({ metricName: 'grpc_io_client_sent_messages_per_rpc_bucket', labels: { grpc_client_method: 'pkg.Svc/M', le: '1' }, value: 1 });
    expect(values.map((v) => v.metricName).slice(-2)).toEqual(['grpc_io_client_sent_messages_per_rpc_sum', 'grpc_io_client_sent_messages_per_rpc_count']);
  });

  test("the registry's default labels are added to every sample (prom-client formats them)", async () => {
    const { stats, registry } = track(setup());
    registry.setDefaultLabels({ app: 'demo' });
    stats.registerView(new View({ name: 'lifecycle.test/h', description: 'H.', measure: lat, aggregation: Aggregation.distribution([1]), tagKeys: [client.method] }));
    stats.record(lat.m(1), tags);
    expect(await registry.metrics()).toBe(
      '# HELP lifecycle_test_h H.\n# TYPE lifecycle_test_h histogram\n' +
        'lifecycle_test_h_bucket{grpc_client_method="pkg.Svc/M",le="1",app="demo"} 1\n' +
        'lifecycle_test_h_bucket{grpc_client_method="pkg.Svc/M",le="+Inf",app="demo"} 1\n' +
        'lifecycle_test_h_sum{grpc_client_method="pkg.Svc/M",app="demo"} 1\n' +
        'lifecycle_test_h_count{grpc_client_method="pkg.Svc/M",app="demo"} 1\n',
    );
  });

  test.each(['opencensus', 'prometheus'] as const)('an OpenMetrics registry (%s naming): counter samples get _total, the text ends with # EOF', async (naming) => {
    const { stats, registry } = track(setup({ naming, openMetrics: true }));
    stats.registerView(client.views.completed, new View({ name: 'lifecycle.test/om', description: 'OM.', measure: lat, aggregation: Aggregation.distribution([2]) }));
    stats.record(lat.m(2), tags);
    const s = naming === 'prometheus' ? '_seconds' : '';
    const le = naming === 'prometheus' ? '0.002' : '2';
    const sum = naming === 'prometheus' ? '0.002' : '2';
    expect(await registry.metrics()).toBe(
      '# HELP grpc_io_client_completed_rpcs Count of RPCs by method and status.\n# TYPE grpc_io_client_completed_rpcs counter\n' +
        'grpc_io_client_completed_rpcs_total{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 1\n' +
        `# HELP lifecycle_test_om${s} OM.\n# TYPE lifecycle_test_om${s} histogram\n` +
        `lifecycle_test_om${s}_bucket{le="${le}"} 1\nlifecycle_test_om${s}_bucket{le="+Inf"} 1\nlifecycle_test_om${s}_sum ${sum}\nlifecycle_test_om${s}_count 1\n# EOF\n`,
    );
    // prom-client renames OpenMetrics counters in place; switching back to text 0.0.4 restores our names.
    (registry as unknown as Registry<RegistryContentType>).setContentType(Registry.PROMETHEUS_CONTENT_TYPE);
    const counter = naming === 'prometheus' ? 'grpc_io_client_completed_rpcs_total' : 'grpc_io_client_completed_rpcs';
    expect((await registry.metrics()).split('\n').slice(0, 3)).toEqual([
      `# HELP ${counter} Count of RPCs by method and status.`,
      `# TYPE ${counter} counter`,
      `${counter}{grpc_client_method="pkg.Svc/M",grpc_client_status="OK"} 1`,
    ]);
  });
});

describe('name collisions', () => {
  test('at construction: an Error naming the view and the existing metric; nothing is left registered', () => {
    const stats = new Stats();
    stats.registerView(client.views.started, client.views.completed);
    const registry = new Registry();
    new Counter({ name: 'grpc_io_client_completed_rpcs', help: 'Mine.', registers: [registry] });
    expect(() => new PrometheusExporter({ stats, registry })).toThrow(
      'PrometheusExporter: view "grpc.io/client/completed_rpcs" would be exported as "grpc_io_client_completed_rpcs", but the registry already has a counter registered by other code (help: "Mine.") under that name.',
    );
    expect(names(registry)).toEqual(['grpc_io_client_completed_rpcs']);
    stats.registerView(client.views.latency);
    expect(names(registry)).toEqual(['grpc_io_client_completed_rpcs']);
  });

  test('a second exporter of the same views into the same registry names the first one', () => {
    const { stats, registry } = track(setup());
    stats.registerView(client.views.completed);
    expect(() => new PrometheusExporter({ stats, registry })).toThrow(/already has the counter of view "grpc\.io\/client\/completed_rpcs"/);
  });

  test('later: the view is skipped with one warning and counted; the others keep working', async () => {
    const warnings: string[] = [];
    const { stats, registry } = track(setup({ stats: new Stats({ warn: (m) => warnings.push(m) }) }));
    const m = Measure.int64('lifecycle.test/collide', 'C.', '1');
    stats.registerView(new View({ name: 'lifecycle.test/a.b', measure: m, aggregation: Aggregation.count() }));
    stats.registerView(new View({ name: 'lifecycle.test/a_b', measure: m, aggregation: Aggregation.sum() }));
    expect(stats.diagnostics.get('prometheus.skippedViews')).toBe(1);
    expect(warnings).toEqual([
      'grpc-census: PrometheusExporter: view "lifecycle.test/a_b" would be exported as "lifecycle_test_a_b", but the registry already has the counter of view "lifecycle.test/a.b" under that name. Rename one of them, or give this exporter a namespace. The view is not exported.',
    ]);
    stats.record(m.m(5), TagMap.EMPTY);
    expect(await registry.metrics()).toBe('# HELP lifecycle_test_a_b C.\n# TYPE lifecycle_test_a_b counter\nlifecycle_test_a_b 1\n');
    // Unregistering the skipped view must not remove the other view's family.
    stats.unregisterView('lifecycle.test/a_b');
    expect(names(registry)).toEqual(['lifecycle_test_a_b']);
  });

  test('reserved or duplicate label names are refused', () => {
    const m = Measure.float64('lifecycle.test/labels', '', 'ms');
    for (const [keys, agg, why] of [
      [['le'], Aggregation.distribution([1]), /label "le" is reserved/],
      [['quantile'], Aggregation.distribution([1], { percentiles: true }), /label "quantile" is reserved/],
      [['a.b', 'a_b'], Aggregation.count(), /label "a_b" is used by two of its tag keys/],
    ] as const) {
      const stats = new Stats();
      stats.registerView(new View({ name: 'lifecycle.test/labels', measure: m, aggregation: agg, tagKeys: keys.map((k) => TagKey.of(k)) }));
      expect(() => new PrometheusExporter({ stats, registry: new Registry() })).toThrow(why);
    }
  });
});

describe('options', () => {
  test.each([
    [5, 'PrometheusExporter: options must be an object, got 5'],
    [null, 'PrometheusExporter: options must be an object, got null'],
    [[], 'PrometheusExporter: options must be an object, got [object Array]'],
    [{ namspace: 'x' }, 'PrometheusExporter: unknown option "namspace" (known: stats, registry, namespace, naming)'],
    [{ stats: {} }, 'PrometheusExporter: option stats must be a Stats, got [object Object]'],
    [{ registry: {} }, 'PrometheusExporter: option registry must be a prom-client Registry, got [object Object]'],
    [{ registry: null }, 'PrometheusExporter: option registry must be a prom-client Registry, got null'],
    [{ namespace: 5 }, 'PrometheusExporter: option namespace must be a string, got 5'],
    [{ namespace: '1x' }, 'PrometheusExporter: option namespace must match [A-Za-z_][A-Za-z0-9_]*, got "1x"'],
    [{ namespace: 'a-b' }, 'PrometheusExporter: option namespace must match [A-Za-z_][A-Za-z0-9_]*, got "a-b"'],
    [{ naming: 'go' }, "PrometheusExporter: option naming must be 'opencensus' or 'prometheus', got \"go\""],
    [{ naming: 1 }, 'PrometheusExporter: option naming must be a string, got 1'],
  ])('%p → TypeError', (options, message) => {
    let err: unknown;
    try {
      new PrometheusExporter(options as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe(message);
  });
});
