import type { Registry, RegistryContentType } from 'prom-client';
import { describeValue } from '../../internal/ascii';
import { integerOption, optionsObject, stringOption } from '../../internal/options';
import { Stats } from '../../views';
import { checkRpczOptions, type RpczOptions } from '../rpcz/options';
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
  /**
   * How long `stop()` lets scrapes in flight finish before it closes their
   * connections, in ms. Default 1000; 0 closes them at once.
   */
  shutdownGraceMs?: number;
  /**
   * `true` (or options of the page) also serves the live page `GET /rpcz` and
   * its JSON `GET /rpcz.json` (see `rpczHandler`; `stats` defaults to the
   * exporter's). Its snapshot timer stops with the exporter. Default false.
   */
  rpcz?: boolean | RpczOptions;
}

const EXPORTER = 'PrometheusExporter';
const EXPORTER_KEYS = ['stats', 'registry', 'namespace', 'naming'];
const SERVER = 'startServer';
const SERVER_KEYS = ['port', 'host', 'path', 'shutdownGraceMs', 'rpcz'];
const NAMESPACE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Default of `shutdownGraceMs`: long enough for a render of a few thousand series, short enough not to delay a shutdown. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 1000;

/** Checks exporter options, throwing a `TypeError` that names the bad one. */
export function checkExporterOptions(options: unknown, defaultStats: Stats): { stats: Stats; registry?: Registry<RegistryContentType>; namespace: string; naming: NamingScheme } {
  const o = optionsObject(options, EXPORTER, EXPORTER_KEYS);
  if (o.stats !== undefined && !(o.stats instanceof Stats)) throw new TypeError(`${EXPORTER}: option stats must be a Stats, got ${describeValue(o.stats)}`);
  const r = o.registry as Record<string, unknown> | null | undefined;
  if (r !== undefined && (r === null || typeof r !== 'object' || typeof r.registerMetric !== 'function' || typeof r.removeSingleMetric !== 'function' || typeof r.metrics !== 'function')) {
    throw new TypeError(`${EXPORTER}: option registry must be a prom-client Registry, got ${describeValue(r)}`);
  }
  const namespace = stringOption(o, 'namespace', EXPORTER, '');
  if (namespace !== '' && !NAMESPACE.test(namespace)) throw new TypeError(`${EXPORTER}: option namespace must match [A-Za-z_][A-Za-z0-9_]*, got ${describeValue(namespace)}`);
  const naming = stringOption(o, 'naming', EXPORTER, 'opencensus');
  if (naming !== 'opencensus' && naming !== 'prometheus') throw new TypeError(`${EXPORTER}: option naming must be 'opencensus' or 'prometheus', got ${describeValue(naming)}`);
  return { stats: (o.stats as Stats | undefined) ?? defaultStats, registry: o.registry as Registry<RegistryContentType> | undefined, namespace, naming };
}

/** Checks `startServer` options and applies the defaults, throwing a `TypeError` that names the bad one. */
export function checkServerOptions(options: unknown): Required<MetricsServerOptions> {
  const o = optionsObject(options, SERVER, SERVER_KEYS);
  const port = integerOption(o, 'port', SERVER, 9464, 0, 65535);
  const host = stringOption(o, 'host', SERVER, '127.0.0.1');
  if (host === '') throw new TypeError(`${SERVER}: option host must be a non-empty string, got ""`);
  const path = stringOption(o, 'path', SERVER, '/metrics');
  if (!path.startsWith('/')) throw new TypeError(`${SERVER}: option path must start with "/", got ${describeValue(path)}`);
  const shutdownGraceMs = integerOption(o, 'shutdownGraceMs', SERVER, DEFAULT_SHUTDOWN_GRACE_MS, 0, 60_000);
  const rpcz = (o.rpcz as MetricsServerOptions['rpcz']) ?? false;
  if (typeof rpcz !== 'boolean') checkRpczOptions(rpcz, `${SERVER}: rpcz`);
  return { port, host, path, shutdownGraceMs, rpcz };
}
