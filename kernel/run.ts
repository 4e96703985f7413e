// The Node kernel's cell runner: tslab's executor, node's reruns, and the watchdog's shared state.
import { CellRunner as Runner } from "./cell-runner.js";
import { Recorder } from "./recorder.js";
import { nodeRerun } from "./rerun.js";
import { shared } from "./shared.js";
import { cellAwaiting, tslabExecutor, typescript, type WrapConverter } from "./tslab.js";

export type { CellDiagnostic, CellLocator, CellOutcome } from "./cell-runner.js";

/** Runs cells on tslab's executor in this process, sharing their variables as tslab does. */
export class CellRunner extends Runner {
  /**
   * Cells compile relative to `rootDir`, the notebook's folder. `converter` may stand in for
   * tslab's own compiler (the grader passes one that reuses earlier compilations).
   */
  constructor(rootDir: string, converter?: WrapConverter) {
    super({
      executor: (console, store) => tslabExecutor(rootDir, console, store, converter),
      recorder: new Recorder(nodeRerun(rootDir)),
      typescript,
      running: (cell) => (shared.runningCell = cell),
      // what follows the cell's await will still run, after the cell has ended: count it
      interrupting: () => {
        const pending = cellAwaiting();
        if (pending) shared.orphan(pending);
      },
    });
  }
}
