import { Registry, type OpenMetricsContentType } from 'prom-client';
import { PrometheusExporter, Stats, type NamingScheme } from '../../../src';

/** A fresh Stats, a fresh prom-client Registry and an exporter joining them. Stop it in afterEach. */
export function setup(options: { naming?: NamingScheme; namespace?: string; openMetrics?: boolean; stats?: Stats } = {}) {
  const stats = options.stats ?? new Stats();
  const registry = new Registry();
  if (options.openMetrics) (registry as unknown as Registry<OpenMetricsContentType>).setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const exporter = new PrometheusExporter({ stats, registry, naming: options.naming, namespace: options.namespace });
  return { stats, registry, exporter };
}
