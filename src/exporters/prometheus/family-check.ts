import type { Registry, RegistryContentType } from 'prom-client';
import type { View } from '../../views';
import type { FamilySpec } from './naming';
import { ViewMetric } from './view-metric';

/**
 * Every metric name a family puts in an exposition, in text 0.0.4 or
 * OpenMetrics (the registry may switch at any time): a counter `c` or
 * `c_total` is written `c` (0.0.4) or family `c` with samples `c_total`
 * (OpenMetrics); a histogram `h` writes `h_bucket`, `h_sum`, `h_count`; a
 * summary `s` writes `s`, `s_sum`, `s_count`. Two families whose sets meet
 * make an exposition Prometheus rejects (a histogram `x` and a counter
 * `x_count`: "second TYPE line for metric name").
 */
export function seriesNames(name: string, type: string): string[] {
  switch (type) {
    case 'counter': {
      const base = name.endsWith('_total') ? name.slice(0, -'_total'.length) : name;
      return [base, `${base}_total`];
    }
    case 'histogram':
      return [name, `${name}_bucket`, `${name}_sum`, `${name}_count`];
    case 'summary':
      return [name, `${name}_sum`, `${name}_count`];
    default:
      return [name];
  }
}

/**
 * Throws an Error naming both sides when `spec`, a family of `view`, cannot
 * join `registry`: a label the type reserves (`le`, `quantile`), two tag keys
 * with one label name, or a name that clashes with the series of a family
 * already there (the user's own metric, or another view's family). Checks
 * `others` too: the other families of the same view, not registered yet.
 */
export function checkFamily(view: View, spec: FamilySpec, registry: Registry<RegistryContentType>, others: readonly FamilySpec[] = []): void {
  const reserved = spec.type === 'histogram' ? 'le' : spec.type === 'summary' ? 'quantile' : undefined;
  const seen = new Set<string>();
  for (const label of spec.labelNames) {
    if (label === reserved || seen.has(label)) {
      throw new Error(
        `PrometheusExporter: view ${JSON.stringify(view.name)} cannot be exported as ${JSON.stringify(spec.name)}: label ${JSON.stringify(label)} is ${seen.has(label) ? 'used by two of its tag keys after sanitizing' : 'reserved in Prometheus'}. Rename the tag key.`,
      );
    }
    seen.add(label);
  }
  const exact = registry.getSingleMetric(spec.name) as unknown;
  if (exact !== undefined) {
    throw new Error(
      `PrometheusExporter: view ${JSON.stringify(view.name)} would be exported as ${JSON.stringify(spec.name)}, but the registry already has ${describe(exact)} under that name. ` +
        'Rename one of them, or give this exporter a namespace.',
    );
  }
  const mine = new Set(seriesNames(spec.name, spec.type));
  const candidates: unknown[] = [...(registry.getMetricsAsArray() as unknown[]), ...others.filter((o) => o !== spec).map((o) => ({ spec: o, viewName: view.name }))];
  for (const other of candidates) {
    const { name, type } = identity(other);
    const shared = seriesNames(name, type).find((n) => mine.has(n));
    if (shared === undefined) continue;
    throw new Error(
      `PrometheusExporter: view ${JSON.stringify(view.name)} would be exported as the ${spec.type} ${JSON.stringify(spec.name)}, whose series names clash with ${describe(other)} named ${JSON.stringify(name)}: both would write ${JSON.stringify(shared)}, which Prometheus rejects. ` +
        'Rename one of them.',
    );
  }
}

/** The name and type a registry metric (ours or prom-client's) is exposed under. */
function identity(metric: unknown): { name: string; type: string } {
  if (metric instanceof ViewMetric) return { name: metric.spec.name, type: metric.spec.type };
  const m = metric as { spec?: FamilySpec; name?: unknown; type?: unknown };
  if (m.spec !== undefined) return { name: m.spec.name, type: m.spec.type };
  return { name: String(m.name), type: String(m.type ?? 'untyped') };
}

function describe(metric: unknown): string {
  if (metric instanceof ViewMetric) return `the ${metric.type} of view ${JSON.stringify(metric.viewName)}`;
  const m = metric as { spec?: FamilySpec; viewName?: string; type?: unknown; help?: unknown };
  if (m.spec !== undefined) return `its own ${m.spec.type} family`;
  return `a ${String(m.type ?? 'metric')} registered by other code (help: ${JSON.stringify(m.help)})`;
}
