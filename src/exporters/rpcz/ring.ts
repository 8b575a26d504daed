/** A fixed-capacity buffer that drops its oldest item when full. Index 0 is the oldest. */
export class Ring<T> {
  private readonly items: T[] = [];
  private head = 0;

  constructor(readonly capacity: number) {}

  /** Number of items held. */
  get size(): number {
    return this.items.length;
  }

  /** Appends `item`, dropping the oldest one when full. */
  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  /** The item at `i` (0 = oldest); undefined out of range. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.items.length) return undefined;
    return this.items[(this.head + i) % this.items.length];
  }

  /** Replaces the item at `i` (0 = oldest). */
  set(i: number, item: T): void {
    if (i >= 0 && i < this.items.length) this.items[(this.head + i) % this.items.length] = item;
  }

  /** The newest item. */
  last(): T | undefined {
    return this.at(this.items.length - 1);
  }

  /** The items, oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }
}
