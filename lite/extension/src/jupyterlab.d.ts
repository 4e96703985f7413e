// The few names this extension takes from JupyterLab's own packages. At run time they come from the
// page's JupyterLab (@jupyterlab/builder makes every core package a shared singleton, never bundled),
// so only their types are needed here, and only the members used: these declarations stand in for
// the packages' own, which would bring all of JupyterLab into the install.

declare module "@jupyterlab/notebook" {
  import type { Token } from "@lumino/coreutils";
  import type { ISignal } from "@lumino/signaling";

  /** A notebook's connection to its kernel's session (`@jupyterlab/apputils`' ISessionContext). */
  interface ISessionContext {
    readonly isDisposed: boolean;
    /** Resolves once the context has a session with a kernel (never, if the learner must pick one). */
    readonly ready: Promise<void>;
    readonly session: { readonly kernel: object | null } | null;
    readonly kernelChanged: ISignal<ISessionContext, unknown>;
    readonly disposed: ISignal<ISessionContext, void>;
  }

  /** The cell being run: its model's type, and (on a code cell) its prompt. */
  interface Cell {
    readonly model: { readonly type: string };
    setPrompt?(value: string): void;
  }

  namespace INotebookCellExecutor {
    interface IRunCellOptions {
      cell: Cell;
      sessionContext?: ISessionContext;
    }
  }

  /** What runs a notebook's cells: JupyterLab asks it for every cell run, by any command. */
  interface INotebookCellExecutor {
    runCell(options: INotebookCellExecutor.IRunCellOptions): Promise<boolean>;
  }

  const INotebookCellExecutor: Token<INotebookCellExecutor>;

  /** JupyterLab's own way of running a cell, which the executor above stands in for. */
  function runCell(options: INotebookCellExecutor.IRunCellOptions): Promise<boolean>;
}

declare module "@jupyterlab/rendermime" {
  import type { Token } from "@lumino/coreutils";

  /** What typesets the LaTeX in rendered Markdown and outputs (JupyterLab's is MathJax). */
  interface ILatexTypesetter {
    typeset(element: HTMLElement): void | Promise<void>;
  }

  const ILatexTypesetter: Token<ILatexTypesetter>;
}
