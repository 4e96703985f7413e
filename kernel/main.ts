// The course kernel's entry point: `node dist/kernel/main.js <connection_file>`, started by Jupyter.
import { readFileSync } from "node:fs";
import { thrownContent } from "./errors.js";
import { Kernel } from "./handler.js";
import { kernelLog } from "./log.js";
import { CellRunner } from "./run.js";
import { shared } from "./shared.js";
import { type ConnectionInfo, Sockets } from "./sockets.js";

/** A SIGINT this soon after the watchdog sent one is taken to be the watchdog's. */
const WATCHDOG_SIGNAL_MS = 5000;
/** When to load TypeScript's libraries if no client has asked for kernel_info by then. */
const WARM_AFTER_MS = 1000;

async function main(connectionFile: string): Promise<void> {
  const info = JSON.parse(readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  const io = new Sockets(info);
  // Cells run relative to the kernel's cwd, which Jupyter sets to the notebook's folder.
  const runner = new CellRunner(process.cwd());
  let closing = false;
  const kernel = new Kernel(io, runner, (restart) => {
    // Both the shell and the control loop end with the shutdown; the first one does it.
    if (closing) return;
    closing = true;
    kernelLog(restart ? "restarting" : "shutting down");
    runner.close();
    io.close();
    // Jupyter starts a fresh process to restart; this one only has to end.
    setTimeout(() => process.exit(0), 50).unref();
  });
  // With a SIGINT listener, node does not exit; vm's breakOnSigint stops a running cell instead.
  // The watchdog's own SIGINTs come with a message naming their cell; any other SIGINT (someone
  // pressing Ctrl-C) interrupts whichever cell is running when it is handled.
  process.on("SIGINT", () => {
    if (Date.now() - shared.watchdogSignalAt > WATCHDOG_SIGNAL_MS) runner.interrupt();
  });
  io.control.socket.onInterrupt = (cell) => runner.interrupt(cell);
  // Like tslab: errors escaping a cell's timers or promises are reported to the last cell's stderr,
  // trimmed and placed in their cell as a cell's own error is.
  const report = (kind: string) => (thrown: unknown) => {
    const { traceback } = thrownContent(thrown, runner.locate);
    process.stderr.write(`${kind}: ${traceback.join("\n")}\n`);
  };
  process.on("uncaughtException", report("Uncaught exception"));
  process.on("unhandledRejection", report("Unhandled promise rejection"));

  await io.bind();
  void io.listen(io.shell, (msg) => kernel.onShell(msg));
  void io.listen(io.control, (msg) => kernel.onControl(msg));
  // Loading TypeScript's libraries takes the main thread for a few seconds. It starts once the
  // client has its kernel_info reply (jupyter_client then still drains iopub, JupyterLab lays out
  // the notebook), or after WARM_AFTER_MS if no kernel_info comes; the first cell then finds it done.
  let warmed = false;
  const warm = () => {
    if (warmed) return;
    warmed = true;
    runner.warm();
  };
  kernel.onKernelInfo = () => setImmediate(warm);
  setTimeout(warm, WARM_AFTER_MS).unref();
}

const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write("usage: node dist/kernel/main.js <connection_file>\n");
  process.exit(2);
}
main(connectionFile).catch((error) => {
  kernelLog("failed to start:", error);
  process.exit(1);
});
