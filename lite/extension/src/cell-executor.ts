// A cell run before the notebook is joined to its kernel waits for it, instead of being dropped.
//
// JupyterLab shows a notebook's cells before it has joined the notebook to its kernel's session,
// and a code cell run in between is dropped without a word: its prompt goes back to "[ ]" (and
// asking for a kernel then can even shut down the one the page started for it). In the browser
// edition that gap lasts about a second after the lesson shows, just when a learner clicks the
// first cell. This executor stands in for JupyterLab's (whose plugin the site disables): a code
// cell run in that gap shows "[*]" and waits until the notebook has its kernel, then runs as any
// other. Every other run goes straight to JupyterLab's own `runCell`.
import type { INotebookCellExecutor, ISessionContext } from "@jupyterlab/notebook";

/**
 * How long a cell waits for its notebook's kernel before JupyterLab is left to handle it (it then
 * asks the learner to pick a kernel): far longer than the gap, so that only a notebook that will
 * never get a kernel by itself reaches it.
 */
export const KERNEL_WAIT_MS = 30_000;

/** Resolves when `context` has a kernel, is disposed, or `ms` have passed, whichever comes first. */
function kernelJoined(context: ISessionContext, ms = KERNEL_WAIT_MS): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      context.kernelChanged.disconnect(check);
      context.disposed.disconnect(done);
      resolve();
    };
    const check = (): void => {
      if (context.isDisposed || context.session?.kernel) done();
    };
    const timer = setTimeout(done, ms);
    context.kernelChanged.connect(check);
    context.disposed.connect(done);
    void context.ready.then(done, done);
    check();
  });
}

/** Whether a run of `options.cell` would be dropped: a code cell whose notebook has no kernel yet. */
function beforeKernel(options: INotebookCellExecutor.IRunCellOptions): boolean {
  const context = options.sessionContext;
  return (
    options.cell.model.type === "code" &&
    context !== undefined &&
    !context.isDisposed &&
    !context.session?.kernel
  );
}

/**
 * The notebook cell executor of the browser edition: `run` (JupyterLab's own `runCell`) for every
 * run, but a code cell run before its notebook has a kernel first shows "[*]" and waits for it.
 */
export function waitingExecutor(
  run: INotebookCellExecutor["runCell"],
  ms = KERNEL_WAIT_MS,
): INotebookCellExecutor {
  return Object.freeze({
    async runCell(options: INotebookCellExecutor.IRunCellOptions): Promise<boolean> {
      if (beforeKernel(options)) {
        options.cell.setPrompt?.("*");
        await kernelJoined(options.sessionContext!, ms);
      }
      return run(options);
    },
  });
}
