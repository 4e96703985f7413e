// The kernel's second thread: it answers heartbeats and reads the control channel, so both keep
// working while a cell keeps the main thread busy, and it is what stops a cell on interrupt_request.
import { Session } from "node:inspector";
import { parentPort, workerData } from "node:worker_threads";
import { loadZmq } from "./zmq.js";
import { decode, signer } from "./wire.js";
import { SharedState } from "./shared.js";
import type { ToMain, ToWatchdog, WatchdogData } from "./watchdog.js";

/** How long the main thread may take to answer before it counts as stuck in a cell's code. */
const RESPONSIVE_MS = 250;
/** After terminating, how long to wait for the main thread before asking again. */
const RECOVER_MS = 1000;
/** How often to look again while the main thread is in critical work (compiling). */
const CRITICAL_POLL_MS = 50;
/** How often to look whether the process that started the kernel (Jupyter) is still there. */
const PARENT_POLL_MS = 1000;

const port = parentPort;
if (!port) throw new Error("watchdog-worker.js runs only as a worker thread");
const { info, memory } = workerData as WatchdogData;
const state = new SharedState(memory);
const sign = signer(info.key, info.signature_scheme);
const zmq = loadZmq();
const at = (p: number) => `${info.transport}://${info.ip}:${p}`;
const post = (message: ToMain) => port.postMessage(message);

const waiting = new Map<number, () => void>();
let probes = 0;
let sends: Promise<void> = Promise.resolve();

const control = new zmq.Router();
const heartbeat = new zmq.Reply();

port.on("message", (message: ToWatchdog) => {
  if (message.kind === "ack") {
    waiting.get(message.probe)?.();
    waiting.delete(message.probe);
  } else if (message.kind === "send") {
    const frames = message.frames.map((frame) => Buffer.from(frame));
    sends = sends
      .then(() => control.send(frames))
      .catch(() => undefined)
      .then(() => post({ kind: "sent", id: message.id }));
  } else if (message.kind === "close") {
    void sends.then(() => {
      control.linger = 200;
      control.close();
      heartbeat.close();
      port.close();
    });
  }
});

/** True when the main thread answers a probe within `ms`. */
function answers(ms: number): Promise<boolean> {
  const probe = ++probes;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(probe);
      resolve(false);
    }, ms);
    waiting.set(probe, () => {
      clearTimeout(timer);
      resolve(true);
    });
    post({ kind: "probe", probe });
  });
}

let session: Session | undefined;

/**
 * Stops whatever the main thread runs. The main thread is told which cell to interrupt (it ends
 * that cell's await when it gets to the message), and sent SIGINT: vm's breakOnSigint ends a
 * cell's synchronous code cleanly with an error, and is sent again until it does. Code running
 * after an await is outside vm's watch, so if the main thread still does not answer, its current
 * JavaScript is terminated through the inspector. The cell's own variables live in tslab's
 * exports object, which termination leaves as it was. Work the main thread marks as critical (the
 * compiler) is waited for, never terminated.
 */
async function interruptMain(): Promise<void> {
  // The cell running now is the one to stop; a cell started after this must not be hit.
  post({ kind: "interrupt", cell: state.runningCell });
  for (let tries = 0; tries < 5;) {
    // The compiler (SharedState.critical) finishes on its own; cutting it off would corrupt its program.
    while (state.inCritical) {
      if (await answers(CRITICAL_POLL_MS)) return;
    }
    // Again each time: a cell that was still compiling at the first signal now runs under vm's watch.
    signalMain();
    if (await answers(RESPONSIVE_MS)) return;
    // A cell's synchronous code (SharedState.cellCode) is stopped by SIGINT alone. A signal sent
    // just before vm began to watch is lost, so this one signals again, as often as it takes.
    if (state.inCellCode) continue;
    tries += 1;
    // Between cells the main thread runs the kernel's own work, or a timer that outlived its cell;
    // terminating either can leave node's timers and async bookkeeping broken, so neither is. The
    // exception: an interrupted cell's code after its await (SharedState.orphans), which runs
    // between cells and is what keeps the main thread busy when it is there.
    const between = state.runningCell === 0;
    if (between && state.orphans === 0) continue;
    if (state.inCritical) continue;
    if (!session) {
      session = new Session();
      session.connectToMainThread();
    }
    session.post("Runtime.terminateExecution");
    if (between) state.forgetOrphans();
    if (await answers(RECOVER_MS)) return;
  }
}

/** SIGINT ends synchronous cell code (vm's breakOnSigint); the main thread's listener ignores it. */
function signalMain(): void {
  state.watchdogSignalAt = Date.now();
  process.kill(process.pid, "SIGINT");
}

function isInterrupt(frames: Buffer[]): boolean {
  try {
    return decode(sign, frames).header.msg_type === "interrupt_request";
  } catch {
    // The main thread logs and drops a bad message; here it is simply not an interrupt.
    return false;
  }
}

async function readControl(): Promise<void> {
  for await (const frames of control) {
    if (isInterrupt(frames)) await interruptMain();
    post({ kind: "control", frames });
  }
}

async function echoHeartbeats(): Promise<void> {
  for await (const frames of heartbeat) await heartbeat.send(frames);
}

/**
 * Ends the kernel once the Jupyter that started it is gone (this process was handed to another
 * parent), however Jupyter ended: a server killed before it could shut its kernels down must not
 * leave them running. Jupyter names itself in JPY_PARENT_PID (as ipykernel's parent poller reads
 * it); a kernel started otherwise, or on Windows (where that is a handle), is not watched. Watched
 * from this thread, so a cell that keeps the main thread busy does not keep the kernel alive.
 */
function endWithParent(): void {
  const parent = process.ppid;
  if (process.platform === "win32" || Number(process.env.JPY_PARENT_PID) !== parent) return;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, "SIGKILL");
  }, PARENT_POLL_MS).unref();
}

endWithParent();
await Promise.all([control.bind(at(info.control_port)), heartbeat.bind(at(info.hb_port))]);
post({ kind: "bound" });
void readControl();
void echoHeartbeats();
