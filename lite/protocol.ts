// The messages between the in-browser kernel's engine (a Web Worker, lite/engine/) and the
// JupyterLite extension on the page (lite/extension/). Both sides import these types; every
// message is structured-clone safe.
//
// Order: the page sends "start" once, the engine answers "ready" when its compiler is loaded;
// then each request carries an `id`, and the engine answers it with any number of "stream",
// "display", "result" and "error" messages, and last with one "reply" for that id.
// Interrupt: the page terminates the worker and takes another, started with its own "start"
// (the one the page keeps warm, or a fresh one).

/** Main thread → worker. `id` pairs a request with its replies. */
export type ToEngine =
  | { type: "start"; notebookPath: string; language: "en" | "zh-TW" } // once, before anything else
  | { type: "execute"; id: number; code: string; count: number; silent: boolean }
  | { type: "complete"; id: number; code: string; cursor: number }
  | { type: "inspect"; id: number; code: string; cursor: number; detailLevel: number }
  | { type: "is_complete"; id: number; code: string };

/** Worker → main thread. */
export type FromEngine =
  | { type: "ready" } // answers "start" once the compiler is loaded
  | { type: "stream"; id: number; name: "stdout" | "stderr"; text: string }
  | {
      type: "display";
      id: number;
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
      transient?: { display_id?: string };
      update: boolean;
    }
  | { type: "result"; id: number; data: Record<string, unknown>; metadata: Record<string, unknown> } // execute_result
  | { type: "error"; id: number; ename: string; evalue: string; traceback: string[] }
  | { type: "reply"; id: number; content: Record<string, unknown> }; // the *_reply content, last for its id
