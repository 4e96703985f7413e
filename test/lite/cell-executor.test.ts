// The browser edition's cell executor: a code cell run before its notebook has joined its kernel
// waits for the kernel and then runs, where JupyterLab's own executor would drop it. Every other
// run goes straight through.
import { describe, expect, it } from "vitest";
import type { INotebookCellExecutor, ISessionContext } from "@jupyterlab/notebook";
import { waitingExecutor } from "../../lite/extension/src/cell-executor.js";

type Options = INotebookCellExecutor.IRunCellOptions;

/** A signal as the executor uses it: connect, disconnect, and (for the test) emit. */
class FakeSignal {
  private readonly slots = new Set<() => void>();
  connect(slot: () => void): boolean {
    this.slots.add(slot);
    return true;
  }
  disconnect(slot: () => void): boolean {
    return this.slots.delete(slot);
  }
  emit(): void {
    for (const slot of [...this.slots]) slot();
  }
  get listeners(): number {
    return this.slots.size;
  }
}

/** A notebook's session context that gets its kernel when the test says so. */
class FakeContext {
  isDisposed = false;
  session: { kernel: object | null } | null = null;
  readonly kernelChanged = new FakeSignal();
  readonly disposed = new FakeSignal();
  readonly ready: Promise<void> = new Promise(() => {}); // resolved by nothing: only signals matter
  joinKernel(): void {
    this.session = { kernel: {} };
    this.kernelChanged.emit();
  }
  dispose(): void {
    this.isDisposed = true;
    this.disposed.emit();
  }
}

function cellRun(type: string, context: FakeContext | undefined) {
  const prompts: string[] = [];
  const options = {
    cell: { model: { type }, setPrompt: (value: string) => prompts.push(value) },
    sessionContext: context as unknown as ISessionContext | undefined,
  } as Options;
  return { options, prompts };
}

/** JupyterLab's runCell stand-in: records each run and whether the notebook had its kernel then. */
function recorder() {
  const runs: { hadKernel: boolean }[] = [];
  const run = async (options: Options): Promise<boolean> => {
    runs.push({ hadKernel: options.sessionContext?.session?.kernel != null });
    return true;
  };
  return { runs, run };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("a cell run before the notebook has its kernel", () => {
  it("shows [*], waits, and runs once the kernel has joined", async () => {
    const { runs, run } = recorder();
    const context = new FakeContext();
    const { options, prompts } = cellRun("code", context);
    const done = waitingExecutor(run).runCell(options);
    await tick();
    expect(runs, "not run while the notebook has no kernel").toEqual([]);
    expect(prompts).toEqual(["*"]);
    context.joinKernel();
    await expect(done).resolves.toBe(true);
    expect(runs).toEqual([{ hadKernel: true }]);
    expect(context.kernelChanged.listeners, "stops listening once run").toBe(0);
  });

  it("keeps the order of cells run one after another while waiting", async () => {
    const order: string[] = [];
    const context = new FakeContext();
    const executor = waitingExecutor(async (options) => {
      order.push((options.cell as unknown as { name: string }).name);
      return true;
    });
    const runs = ["first", "second", "third"].map((name) => {
      const { options } = cellRun("code", context);
      Object.assign(options.cell, { name });
      return executor.runCell(options);
    });
    await tick();
    context.joinKernel();
    await Promise.all(runs);
    expect(order).toEqual(["first", "second", "third"]);
  });

  it("is handed to JupyterLab after the wait's limit, or when the notebook closes", async () => {
    const late = recorder();
    await waitingExecutor(late.run, 20).runCell(cellRun("code", new FakeContext()).options);
    expect(late.runs).toEqual([{ hadKernel: false }]);

    const closed = recorder();
    const context = new FakeContext();
    const done = waitingExecutor(closed.run).runCell(cellRun("code", context).options);
    await tick();
    context.dispose();
    await done;
    expect(closed.runs).toHaveLength(1);
  });
});

describe("every other run goes straight through", () => {
  it("a code cell of a notebook that has its kernel, a Markdown cell, a cell with no session", async () => {
    const { runs, run } = recorder();
    const joined = new FakeContext();
    joined.joinKernel();
    const executor = waitingExecutor(run);
    const cases = [
      cellRun("code", joined),
      cellRun("markdown", new FakeContext()),
      cellRun("code", undefined),
    ];
    for (const { options } of cases) await executor.runCell(options);
    expect(runs).toHaveLength(3);
    expect(
      cases.flatMap((c) => c.prompts),
      "no [*] where nothing waits",
    ).toEqual([]);
  });
});
