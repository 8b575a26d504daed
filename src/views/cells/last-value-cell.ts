import type { LastValueData } from '../data';
import type { Cell } from './cell';

/** Keeps the most recent value. */
export class LastValueCell implements Cell {
  private value = 0;

  add(value: number): void {
    this.value = value;
  }

  snapshot(): LastValueData {
    return { type: 'lastValue', value: this.value };
  }
}
