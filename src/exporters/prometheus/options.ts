import type { Registry, RegistryContentType } from 'prom-client';
import { describeValue } from '../../internal/ascii';
import { Stats } from '../../views';
import type { NamingScheme } from './naming';

/** Options of a `PrometheusExporter`. */
export interface PrometheusExporterOptions {
  /** Whose views to export. Default: the process-wide `stats`. */
  stats?: Stats;
  /** The prom-client registry the views join. Default: prom-client's global `register`. */
  registry?: Registry<RegistryContentType>;
  /** Prefix of every name, joined with `_` (e.g. `myapp` → `myapp_grpc_io_…`). Default: none. */
  namespace?: string;
  /** `'opencensus'` (default, opencensus-go's names) or `'prometheus'` (base units, `_total`). */
  naming?: NamingScheme;
}

/** Options of `PrometheusExporter.startServer`. */
export interface MetricsServerOptions {
  /** TCP port; 0 picks a free one. Default 9464. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Path that serves the metrics; others answer 404. Default `/metrics`. */
  path?: string;
}

const KNOWN = new Set(['stats', 'registry', 'namespace', 'naming']);
const NAMESPACE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks exporter options, throwing a `TypeError` that names the bad one. */
export function checkExporterOptions(options: unknown, defaultStats: Stats): { stats: Stats; registry?: Registry<RegistryContentType>; namespace: string; naming: NamingScheme } {
  if (options === undefined) return { stats: defaultStats, namespace: '', naming: 'opencensus' };
  if (options === null || typeof options !== 'object') throw new TypeError(`PrometheusExporter options must be an object, got ${describeValue(options)}`);
  const o = options as PrometheusExporterOptions;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new TypeError(`PrometheusExporter: unknown option ${JSON.stringify(key)} (known: ${[...KNOWN].join(', ')})`);
  }
  if (o.stats !== undefined && !(o.stats instanceof Stats)) throw new TypeError(`PrometheusExporter: stats must be a Stats, got ${describeValue(o.stats)}`);
  const r = o.registry as unknown as Record<string, unknown> | undefined;
  if (r !== undefined && (r === null || typeof r.registerMetric !== 'function' || typeof r.removeSingleMetric !== 'function' || typeof r.metrics !== 'function')) {
    throw new TypeError(`PrometheusExporter: registry must be a prom-client Registry, got ${describeValue(o.registry)}`);
  }
  if (o.namespace !== undefined && (typeof o.namespace !== 'string' || (o.namespace !== '' && !NAMESPACE.test(o.namespace)))) {
    throw new TypeError(`PrometheusExporter: namespace must match [A-Za-z_][A-Za-z0-9_]*, got ${describeValue(o.namespace)}`);
  }
  if (o.naming !== undefined && o.naming !== 'opencensus' && o.naming !== 'prometheus') {
    throw new TypeError(`PrometheusExporter: naming must be 'opencensus' or 'prometheus', got ${describeValue(o.naming)}`);
  }
  return { stats: o.stats ?? defaultStats, registry: o.registry, namespace: o.namespace ?? '', naming: o.naming ?? 'opencensus' };
}

/** Checks `startServer` options and applies the defaults, throwing a `TypeError` that names the bad one. */
export function checkServerOptions(options: unknown): Required<MetricsServerOptions> {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw new TypeError(`startServer options must be an object, got ${describeValue(options)}`);
  const { port = 9464, host = '127.0.0.1', path = '/metrics' } = options as MetricsServerOptions;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`startServer: port must be an integer in 0–65535, got ${describeValue(port)}`);
  if (typeof host !== 'string' || host === '') throw new TypeError(`startServer: host must be a non-empty string, got ${describeValue(host)}`);
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`startServer: path must start with "/", got ${describeValue(path)}`);
  return { port, host, path };
}
