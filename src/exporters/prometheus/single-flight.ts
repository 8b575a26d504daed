/**
 * Shares one run of an asynchronous task among every caller that asks while
 * it runs: the first call starts the task, later calls get the same promise.
 *
 * A scrape's render is synchronous and blocks the event loop, so requests
 * that arrive during it are only read once it is over, when the task has
 * already settled. To give those requests the same result, a run stays
 * joinable until two `setImmediate` hops after it settles: that spans at
 * least one full poll phase of the event loop, where the requests that came
 * in during the render are read. A result is therefore at most one render
 * plus one loop turn older than the request that gets it.
 */
export class SingleFlight<T> {
  private current: Promise<T> | undefined;

  constructor(
    private readonly task: () => Promise<T>,
    /** Called for each caller that joins a run started by another. */
    private readonly joined: () => void = () => {},
  ) {}

  /** The result of the run in progress, or of a new run. */
  run(): Promise<T> {
    if (this.current !== undefined) {
      this.joined();
      return this.current;
    }
    let resolve!: (value: T) => void;
    let reject!: (err: unknown) => void;
    const run = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.current = run;
    const later = (settle: () => void) =>
      setImmediate(() =>
        setImmediate(() => {
          if (this.current === run) this.current = undefined;
          settle();
        }),
      );
    let started: Promise<T>;
    try {
      started = this.task();
    } catch (err) {
      started = Promise.reject(err);
    }
    started.then(
      (value) => later(() => resolve(value)),
      (err: unknown) => later(() => reject(err)),
    );
    return run;
  }
}
