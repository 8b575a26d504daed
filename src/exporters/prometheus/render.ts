import type { AggregationData, DistributionData } from '../../views';
import { REPORTED_PERCENTILES } from '../../views';
import { formatValue, quantileLabel, scaledBound } from './format';
import type { FamilySpec } from './naming';
import type { RowLabelCache, RowLabels } from './row-labels';

/** Walks a view's live rows (`Stats.forEachRow` bound to one view). */
export type RowSource = (fn: (tags: Readonly<Record<string, string>>, data: AggregationData) => void) => void;

/** One sample as prom-client's `Registry` formats it. */
export interface Sample {
  metricName?: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

/** A family rendered to text, minus the last sample's value (see `ViewMetric.getForPromString`). */
export interface RenderedText {
  readonly head: string;
  readonly lastValue: number;
}

const QUANTILES = REPORTED_PERCENTILES.map((p) => ({ key: p, label: quantileLabel(p) }));

/**
 * Renders one family of a view, either straight to text (the scrape path:
 * label strings come from the per-row cache, bucket suffixes are precomputed,
 * nothing is allocated per bucket) or as prom-client samples (`get()`).
 *
 * Histogram buckets are exact: `le="b"` counts values ≤ b, i.e.
 * Σ bucketCounts[0..i] (values < b[i]) + boundCounts[i] (values = b[i]).
 */
export class FamilyRenderer {
  private readonly le: string[] = [];
  /** `le="<bound>"} ` per bound, so a bucket line is `<name>_bucket` + row.open + leSuffix + count. */
  private readonly leSuffix: string[] = [];

  constructor(
    private readonly spec: FamilySpec,
    private readonly labels: RowLabelCache,
    bounds: readonly number[],
  ) {
    for (const b of bounds) {
      const le = scaledBound(b, spec.divisor);
      this.le.push(le);
      this.leSuffix.push(`le="${le}"} `);
    }
  }

  /** The family's sample lines, or undefined when the view has no rows. */
  text(rows: RowSource): RenderedText | undefined {
    const { name, type, divisor } = this.spec;
    let out = '';
    let last = 0;
    rows((tags, data) => {
      const row = this.labels.get(tags);
      if (data.type !== 'distribution') {
        last = divide(data.value, divisor);
        out += `${name}${row.braced} ${formatValue(last)}\n`;
      } else if (type === 'histogram') {
        last = this.histogramText(row, data, (s) => (out += s));
      } else {
        last = this.summaryText(row, data, (s) => (out += s));
      }
    });
    if (out === '') return undefined;
    return { head: out.slice(0, out.length - formatValue(last).length - 2), lastValue: last };
  }

  private histogramText(row: RowLabels, d: DistributionData, write: (s: string) => void): number {
    const { name, divisor } = this.spec;
    const bucket = `${name}_bucket${row.open}`;
    const counts = d.bucketCounts;
    const onBound = d.boundCounts;
    let below = 0;
    let lines = '';
    for (let i = 0; i < this.leSuffix.length; i++) {
      below += counts[i];
      lines += `${bucket}${this.leSuffix[i]}${below + onBound[i]}\n`;
    }
    write(`${lines}${bucket}le="+Inf"} ${d.count}\n${name}_sum${row.braced} ${formatValue(d.sum / divisor)}\n${name}_count${row.braced} ${d.count}\n`);
    return d.count;
  }

  private summaryText(row: RowLabels, d: DistributionData, write: (s: string) => void): number {
    const { name, divisor } = this.spec;
    let lines = '';
    const p = d.percentiles ?? {};
    for (const q of QUANTILES) {
      if (p[q.key] !== undefined) lines += `${name}${row.open}quantile="${q.label}"} ${formatValue(p[q.key] / divisor)}\n`;
    }
    write(`${lines}${name}_sum${row.braced} ${formatValue(d.sum / divisor)}\n${name}_count${row.braced} ${d.count}\n`);
    return d.count;
  }

  /** The same samples as `text`, as objects for prom-client's formatter (default labels, JSON, cluster). */
  samples(rows: RowSource): Sample[] {
    const { name, type, divisor } = this.spec;
    const out: Sample[] = [];
    rows((tags, data) => {
      const labels = this.labels.get(tags).object;
      if (data.type !== 'distribution') {
        out.push({ labels, value: divide(data.value, divisor) });
        return;
      }
      if (type === 'histogram') {
        let below = 0;
        for (let i = 0; i < this.le.length; i++) {
          below += data.bucketCounts[i];
          out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: this.le[i] }, value: below + data.boundCounts[i] });
        }
        out.push({ metricName: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: data.count });
      } else {
        const p = data.percentiles ?? {};
        for (const q of QUANTILES) {
          if (p[q.key] !== undefined) out.push({ metricName: name, labels: { ...labels, quantile: q.label }, value: p[q.key] / divisor });
        }
      }
      out.push({ metricName: `${name}_sum`, labels, value: data.sum / divisor }, { metricName: `${name}_count`, labels, value: data.count });
    });
    return out;
  }
}

function divide(v: number, divisor: number): number {
  return divisor === 1 ? v : v / divisor;
}
