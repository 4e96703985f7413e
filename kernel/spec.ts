// The kernelspec (kernel.json) that registers the course kernel with Jupyter.
import path from "node:path";

export const COURSE_KERNEL_NAME = "attention-from-zero";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: string;
  metadata?: object;
}

/** The spec for the built kernel in `projectRoot`: this very node binary runs dist/kernel/main.js. */
export function courseKernelSpec(projectRoot: string): KernelSpec {
  return {
    argv: [
      process.execPath,
      // An interrupt may terminate a timer's callback midway (watchdog-worker.ts), which leaves
      // node's async-context stack one entry deep; without this node aborts on noticing it.
      "--no-force-async-hooks-checks",
      path.join(path.resolve(projectRoot), "dist", "kernel", "main.js"),
      "{connection_file}",
    ],
    display_name: "TypeScript (Attention from Zero)",
    language: "typescript",
    // interrupt_request on the control channel reaches the kernel's watchdog thread even while a
    // cell keeps the main thread busy; a signal would wait for the main thread (watchdog-worker.ts).
    interrupt_mode: "message",
    metadata: { kernel_name: COURSE_KERNEL_NAME },
  };
}
