import type { CountData } from '../data';
import type { Cell } from './cell';

/** Counts measurements; the value itself is ignored. */
export class CountCell implements Cell {
  private count = 0;

  add(_value: number): void {
    this.count++;
  }

  snapshot(): CountData {
    return { type: 'count', value: this.count };
  }
}
