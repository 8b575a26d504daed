import type { SumData } from '../data';
import type { Diagnostics } from '../diagnostics';
import type { Cell } from './cell';

/**
 * Sums values. int64 measures record integers, so their sums stay exact up to
 * 2^53. A float sum past ±1.8e308 becomes ±Infinity: the row reports it from
 * then on (values are finite, so it can never turn into NaN or come back) and
 * `diagnostics.sumOverflows` counts the row once.
 */
export class SumCell implements Cell {
  private sum = 0;

  constructor(private readonly diagnostics: Diagnostics) {}

  add(value: number): void {
    const sum = this.sum + value;
    if (sum - sum !== 0 && this.sum - this.sum === 0) this.diagnostics.increment('sumOverflows');
    this.sum = sum;
  }

  snapshot(): SumData {
    return { type: 'sum', value: this.sum };
  }
}
