import { describeValue } from '../internal/ascii';
import { Collector } from './collector';
import type { Diagnostics } from './diagnostics';
import type { Measure } from '../measures/measure';
import { viewsChanged, type RecordTarget } from './record';
import { View } from './view';

/** Told about views as they are registered and unregistered (exporters use it). */
export interface ViewListener {
  viewRegistered?(view: View): void;
  viewUnregistered?(view: View): void;
}

/**
 * The registered views of one `Stats`, and for each measure the collectors
 * that aggregate it (what the record path, record.ts, walks).
 */
export class ViewRegistry implements RecordTarget {
  readonly byName = new Map<string, Collector>();
  readonly byMeasure = new Map<Measure, Collector[]>();
  private readonly listeners = new Set<ViewListener>();

  constructor(
    private readonly defaultMaxRows: number,
    readonly diagnostics: Diagnostics,
    private readonly now: () => number,
  ) {}

  /** Registers every view or, if any conflicts or is invalid, none. */
  register(views: View[]): void {
    const added: View[] = [];
    const pending = new Map<string, View>();
    for (const view of views) {
      if (!(view instanceof View)) throw new TypeError(badArgument('registerView', 'View instances', view));
      const existing = this.byName.get(view.name)?.view ?? pending.get(view.name);
      if (existing !== undefined) {
        if (existing.sameDefinition(view)) continue;
        throw new Error(conflictMessage(existing, view));
      }
      pending.set(view.name, view);
      added.push(view);
    }
    const start = new Date(this.now());
    for (const view of added) {
      const collector = new Collector(view, start, view.maxRows ?? this.defaultMaxRows, this.diagnostics);
      this.byName.set(view.name, collector);
      const list = this.byMeasure.get(view.measure);
      if (list) list.push(collector);
      else this.byMeasure.set(view.measure, [collector]);
      viewsChanged(view.measure, 1);
      this.notify((l) => l.viewRegistered?.(view));
    }
  }

  /**
   * Unregisters the views (by instance or name) and drops their data. Unknown
   * names are ignored. Every argument is checked before anything is removed.
   * Returns the removed collectors.
   */
  unregister(views: (View | string)[]): Collector[] {
    const names = views.map((v) => {
      if (typeof v === 'string') return v;
      if (v instanceof View) return v.name;
      throw new TypeError(badArgument('unregisterView', 'Views or view names', v));
    });
    const removed: Collector[] = [];
    for (const name of names) {
      const collector = this.byName.get(name);
      if (collector === undefined) continue;
      this.byName.delete(name);
      const measure = collector.view.measure;
      const list = this.byMeasure.get(measure)!.filter((c) => c !== collector);
      if (list.length > 0) this.byMeasure.set(measure, list);
      else this.byMeasure.delete(measure);
      viewsChanged(measure, -1);
      removed.push(collector);
      this.notify((l) => l.viewUnregistered?.(collector.view));
    }
    return removed;
  }

  /** The collector of a registered view, else an Error naming it. */
  collector(view: View | string): Collector {
    const name = typeof view === 'string' ? view : view?.name;
    const collector = name === undefined ? undefined : this.byName.get(name);
    if (collector === undefined || (typeof view !== 'string' && collector.view !== view && !collector.view.sameDefinition(view))) {
      throw new Error(`View ${JSON.stringify(name)} is not registered`);
    }
    return collector;
  }

  /** Adds a listener and tells it about every view registered so far. Returns a function that removes it. */
  subscribe(listener: ViewListener): () => void {
    this.listeners.add(listener);
    for (const c of this.byName.values()) this.call(() => listener.viewRegistered?.(c.view));
    return () => this.listeners.delete(listener);
  }

  private notify(fn: (l: ViewListener) => void): void {
    for (const l of this.listeners) this.call(() => fn(l));
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.diagnostics.increment('listenerErrors');
      this.diagnostics.warnOnce('listener', `grpc-census: a view listener threw (later failures are only counted): ${String(err)}`);
    }
  }
}

/** One line, never a dump of the argument; an array (e.g. `DefaultClientViews`) gets told to spread. */
function badArgument(where: string, expected: string, value: unknown): string {
  if (Array.isArray(value)) return `${where} takes views as separate arguments, got an array: spread it, ${where}(...views)`;
  return `${where} expects ${expected}, got ${describeValue(value)}`;
}

function conflictMessage(existing: View, view: View): string {
  const differs: string[] = [];
  if (existing.description !== view.description) differs.push('description');
  if (existing.measure !== view.measure) differs.push('measure');
  if (!existing.aggregation.equals(view.aggregation)) differs.push('aggregation');
  if (existing.tagKeys.map((k) => k.name).join() !== view.tagKeys.map((k) => k.name).join()) differs.push('tag keys');
  if (existing.maxRows !== view.maxRows) differs.push('maxRows');
  return (
    `A different view named ${JSON.stringify(view.name)} is already registered (they differ in ${differs.join(', ')}).\n` +
    `  registered: ${existing}\n  new:        ${view}\n` +
    `Unregister the first one, or give the new view another name.`
  );
}
