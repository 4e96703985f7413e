// What the main thread and the watchdog thread (watchdog-worker.ts) both see, without messages:
// the main thread may be too busy to read one.

/** The memory behind `SharedState`, handed to the watchdog thread in its workerData. */
export interface SharedMemory {
  counters: SharedArrayBuffer;
  times: SharedArrayBuffer;
}

const CRITICAL = 0;
const RUNNING_CELL = 1;
const IN_CELL_CODE = 2;
const ORPHANS = 3;

export class SharedState {
  private readonly counters: Int32Array;
  private readonly times: Float64Array;

  constructor(readonly memory: SharedMemory) {
    this.counters = new Int32Array(memory.counters);
    this.times = new Float64Array(memory.times);
  }

  static create(): SharedState {
    return new SharedState({
      counters: new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT),
      times: new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT),
    });
  }

  /** Runs `work` marked as never to be terminated by an interrupt (the compiler updating its program). */
  critical<T>(work: () => T): T {
    return this.marked(CRITICAL, work);
  }

  get inCritical(): boolean {
    return Atomics.load(this.counters, CRITICAL) > 0;
  }

  /**
   * Runs `work`, a cell's synchronous code started by vm with breakOnSigint, marked as such. From
   * the mark until vm watches for SIGINT, a signal is lost, so the watchdog signals again; and it
   * never terminates this code, because that would also unwind the kernel's frames that wait for
   * the cell to end, and the cell would never get its reply.
   */
  cellCode<T>(work: () => T): T {
    return this.marked(IN_CELL_CODE, work);
  }

  /** Runs `work` with counter `which` raised by one, lowered again however `work` ends. */
  private marked<T>(which: number, work: () => T): T {
    Atomics.add(this.counters, which, 1);
    try {
      return work();
    } finally {
      Atomics.sub(this.counters, which, 1);
    }
  }

  get inCellCode(): boolean {
    return Atomics.load(this.counters, IN_CELL_CODE) > 0;
  }

  /** The number of the cell running now (awaiting included), or 0 between cells. */
  get runningCell(): number {
    return Atomics.load(this.counters, RUNNING_CELL);
  }

  set runningCell(cell: number) {
    Atomics.store(this.counters, RUNNING_CELL, cell);
  }

  /**
   * How many interrupted cells still have code to run after an await: interrupt ends a cell while
   * it awaits, but a promise cannot be cancelled, so what follows the await runs later, between
   * cells, and may spin. While there is such code, an interrupt may terminate what runs between
   * cells (see watchdog-worker.ts).
   */
  get orphans(): number {
    return Atomics.load(this.counters, ORPHANS);
  }

  /** Counts an interrupted cell's code until `settled` settles. */
  orphan(settled: Promise<unknown>): void {
    Atomics.add(this.counters, ORPHANS, 1);
    const done = () => void Atomics.sub(this.counters, ORPHANS, 1);
    settled.then(done, done);
  }

  /** After the watchdog terminated what ran between cells: no orphaned code is left to stop. */
  forgetOrphans(): void {
    Atomics.store(this.counters, ORPHANS, 0);
  }

  /** When (Date.now()) the watchdog last sent the process SIGINT, so the main thread can tell it apart. */
  get watchdogSignalAt(): number {
    return this.times[0] ?? 0;
  }

  set watchdogSignalAt(time: number) {
    this.times[0] = time;
  }
}

/** The main thread's shared state; the watchdog thread makes its own view of the same memory. */
export const shared = SharedState.create();
