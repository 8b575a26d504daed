import type { SumData } from '../data';
import type { Cell } from './cell';

/** Sums values. int64 measures record integers, so their sums stay exact up to 2^53. */
export class SumCell implements Cell {
  private sum = 0;

  add(value: number): void {
    this.sum += value;
  }

  snapshot(): SumData {
    return { type: 'sum', value: this.sum };
  }
}
