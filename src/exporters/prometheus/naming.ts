import type { View } from '../../views';

/**
 * How view names become Prometheus names.
 * - `'opencensus'` (default): opencensus-go's exporter — `[namespace_]` + the
 *   sanitized view name, values in the measure's unit, no `_total`.
 * - `'prometheus'`: Prometheus conventions — base units (`ms` → `_seconds`,
 *   values divided by 1000; `By` → `_bytes`), counters end in `_total`.
 */
export type NamingScheme = 'opencensus' | 'prometheus';

/** The Prometheus metric type of a family. */
export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** How one view is named and typed in Prometheus. */
export interface FamilySpec {
  /** Family name as registered (for counters in `'prometheus'` naming, with `_total`). */
  readonly name: string;
  readonly help: string;
  readonly type: FamilyType;
  /** Sanitized tag key names, in the view's key order. */
  readonly labelNames: readonly string[];
  /** Recorded values are divided by this (1000 for `ms` → seconds). Counts never are. */
  readonly divisor: number;
}

/** The families a view becomes: its own, plus a quantile summary for percentile distributions. */
export interface ViewFamilies {
  readonly main: FamilySpec;
  readonly quantiles?: FamilySpec;
}

const MAX_SANITIZED_LENGTH = 100;

/**
 * opencensus-go's `sanitize`: truncate to 100 characters, every character
 * outside `[A-Za-z0-9_]` becomes `_`, a leading digit gets a `key_` prefix and
 * a leading `_` a `key` prefix (`grpc.io/server/server_latency` →
 * `grpc_io_server_server_latency`, `0abc` → `key_0abc`, `/x` → `key_x`).
 */
export function sanitizeName(s: string): string {
  if (s.length === 0) return s;
  let out = s.slice(0, MAX_SANITIZED_LENGTH).replace(/[^A-Za-z0-9_]/g, '_');
  if (out.charCodeAt(0) >= 0x30 && out.charCodeAt(0) <= 0x39) out = `key_${out}`;
  if (out[0] === '_') out = `key${out}`;
  return out;
}

/** Prometheus base-unit suffix and divisor for an OpenCensus (UCUM) unit; unknown units add no suffix. */
const UNITS: Record<string, { suffix: string; divisor: number }> = {
  ns: { suffix: 'seconds', divisor: 1e9 },
  us: { suffix: 'seconds', divisor: 1e6 },
  ms: { suffix: 'seconds', divisor: 1e3 },
  s: { suffix: 'seconds', divisor: 1 },
  By: { suffix: 'bytes', divisor: 1 },
  '1': { suffix: '', divisor: 1 },
};

const TYPE_OF = { count: 'counter', sum: 'counter', lastValue: 'gauge', distribution: 'histogram' } as const;

/** The Prometheus families of `view` under `naming`, with `namespace` (may be empty) as prefix. */
export function viewFamilies(view: View, namespace: string, naming: NamingScheme): ViewFamilies {
  const aggregation = view.aggregation;
  const type: FamilyType = TYPE_OF[aggregation.type];
  const base = (namespace === '' ? '' : `${namespace}_`) + sanitizeName(view.name);
  const help = view.description === '' ? view.name : view.description;
  const labelNames = view.tagKeys.map((k) => sanitizeName(k.name));
  // A count counts measurements: its unit is 1 whatever the measure's unit.
  const unit = aggregation.type === 'count' ? undefined : UNITS[view.measure.unit];
  const prometheus = naming === 'prometheus';
  const divisor = prometheus && unit ? unit.divisor : 1;
  const unitSuffix = prometheus && unit && unit.suffix !== '' ? unit.suffix : '';
  const named = withSuffix(base, unitSuffix);
  const main: FamilySpec = { name: prometheus && type === 'counter' ? withSuffix(named, 'total') : named, help, type, labelNames, divisor };
  if (!aggregation.percentiles) return { main };
  // A separate summary family: `<name>_quantiles`, with the unit suffix kept last in 'prometheus' naming.
  const quantilesName = withSuffix(`${withoutSuffix(named, unitSuffix)}_quantiles`, unitSuffix);
  const quantiles: FamilySpec = { name: quantilesName, help: `${help} (p50, p90, p99, p99.9)`, type: 'summary', labelNames, divisor };
  return { main, quantiles };
}

function withSuffix(name: string, suffix: string): string {
  return suffix === '' || name.endsWith(`_${suffix}`) ? name : `${name}_${suffix}`;
}

function withoutSuffix(name: string, suffix: string): string {
  return suffix !== '' && name.endsWith(`_${suffix}`) ? name.slice(0, -suffix.length - 1) : name;
}
