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
    this.sum = addToSum(this.sum, value, this.diagnostics);
  }

  snapshot(): SumData {
    return { type: 'sum', value: this.sum };
  }
}

/**
 * `sum + value` for a finite `value`, counting in `sumOverflows` the step
 * where a finite sum overflows to ±Infinity (once: an infinite sum stays
 * infinite). Shared by the cells that sum.
 */
export function addToSum(sum: number, value: number, diagnostics: Diagnostics): number {
  const next = sum + value;
  // Values are finite, so the sum can only leave the finite numbers as ±Infinity.
  if ((next === Infinity || next === -Infinity) && sum - sum === 0) diagnostics.increment('sumOverflows');
  return next;
}
