// The grader's side of a sandbox: starts it with only the rights a notebook needs, asks one thing at a time, and ends it when it hangs.
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ROOT } from "../build/paths.js";
import type { SandboxReady, SandboxReply, SandboxRequest } from "./sandbox.js";
import { SANDBOX_V8_FLAGS, sandboxSnapshot } from "./snapshot.js";

const SANDBOX = join(ROOT, "dist", "grader", "sandbox.js");

/**
 * Node's permission model for a sandbox: it reads the grader's own compiled code and mathjs's one
 * file build, writes only `scratch`, and may start no process and no thread.
 */
export function permissionFlags(scratch: string): string[] {
  const math = dirname(createRequire(import.meta.url).resolve("mathjs/package.json"));
  const read = [
    join(ROOT, "dist", "*"),
    join(ROOT, "package.json"),
    join(math, "*"),
    join(scratch, "*"),
  ];
  return [
    "--experimental-permission",
    ...read.map((r) => `--allow-fs-read=${r}`),
    `--allow-fs-write=${join(scratch, "*")}`,
    "--disable-warning=ExperimentalWarning",
  ];
}

/** Why a request got no answer: the process ended (how), or it was ended at the time limit. */
export type NoReply = { ended: string } | { hung: true };

/** One sandbox process and its scratch folder. */
export class Sandbox {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  /** Which libraries (by fingerprint) this process already holds. */
  readonly sent = new Set<string>();
  private pending: {
    resolve: (r: SandboxReply | NoReply) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  private exitText = "";
  /** How the running process started: from the startup snapshot, or from grader/sandbox.js. */
  startedFrom: SandboxReady["from"] | null = null;

  /** `snapshot`: the startup snapshot to start from (null: the process loads mathjs itself). */
  constructor(
    readonly scratch: string,
    private readonly snapshot: () => string | null = sandboxSnapshot,
  ) {}

  private async start(): Promise<void> {
    const blob = this.snapshot();
    if (!blob) return this.startFrom(null);
    try {
      return await this.startFrom(blob);
    } catch {
      return this.startFrom(null); // a snapshot that fails to start (removed, say): as before
    }
  }

  private startFrom(blob: string | null): Promise<void> {
    mkdirSync(this.scratch, { recursive: true });
    const scratch = realpathSync(this.scratch);
    this.sent.clear();
    this.startedFrom = null;
    const child = fork(SANDBOX, [], {
      cwd: scratch,
      stdio: ["ignore", "ignore", "pipe", "ipc"], // what cells print is not part of the verdict
      execArgv: [
        // started from the snapshot, the process runs its main function, not SANDBOX
        ...(blob ? ["--snapshot-blob", blob] : []),
        ...permissionFlags(scratch),
        ...SANDBOX_V8_FLAGS,
      ],
      env: { PATH: process.env.PATH ?? "", HOME: scratch, TMPDIR: scratch },
    });
    this.child = child;
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.once("message", (m: SandboxReady) => {
        this.startedFrom = m.from;
        resolve();
      });
      child.once("exit", (code, signal) =>
        reject(new Error(`the grading process could not start (${signal ?? code}): ${stderr}`)),
      );
    });
    child.on("message", (m: SandboxReply | SandboxReady) => {
      if (m.type === "ready") return;
      const p = this.pending;
      this.pending = null;
      if (p) {
        clearTimeout(p.timer);
        p.resolve(m);
      }
    });
    child.on("error", () => {}); // a send to a process that just ended: its exit says what happened
    child.on("exit", (code, signal) => {
      this.exitText = signal ?? `exit code ${code}`;
      if (process.env.AFZ_DEBUG) console.error(stderr);
      if (this.child === child) {
        this.child = null;
        // a start from the snapshot that failed goes on from the file (start()); any other
        // process that ended is started anew by the next request
        if (!blob || this.startedFrom) this.ready = null;
      }
      const p = this.pending;
      this.pending = null;
      if (p) {
        clearTimeout(p.timer);
        p.resolve({ ended: this.exitText });
      }
    });
    return ready;
  }

  /** Starts the process now, so that it loads mathjs while the grader compiles the notebook's cells. */
  warm(): void {
    if (this.ready) return;
    this.ready = this.start();
    this.ready.catch(() => {}); // the first request says why it could not start
  }

  /** Asks one thing; no answer within `limitMs` ends the process (the next request starts a new one). */
  async ask(request: SandboxRequest, limitMs: number): Promise<SandboxReply | NoReply> {
    if (!this.ready) this.ready = this.start();
    try {
      await this.ready;
    } catch (e) {
      this.ready = null;
      return { ended: String(e) };
    }
    const child = this.child;
    if (!child) return { ended: this.exitText };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        // the next request starts a fresh process, whatever this one does while it ends
        if (this.child === child) {
          this.child = null;
          this.ready = null;
        }
        child.kill("SIGKILL");
        resolve({ hung: true });
      }, limitMs);
      this.pending = { resolve, timer };
      child.send(request);
    });
  }

  /** Whether a process is running now (a fresh one needs the library sent again). */
  get alive(): boolean {
    return this.child !== null;
  }

  close(): void {
    this.child?.kill("SIGKILL");
    this.child = null;
    this.ready = null;
  }
}

const open = new Map<string, Sandbox>();
let defaultScratch: string | undefined;

/** This process's scratch folder for sandboxes not given one, removed when the process ends. */
export function scratchRoot(): string {
  if (!defaultScratch) {
    const dir = mkdtempSync(join(tmpdir(), "afz-grade-"));
    defaultScratch = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return defaultScratch;
}

/** The sandbox whose scratch folder is `scratch`, started on first use and kept for the next notebook. */
export function sandboxFor(scratch: string): Sandbox {
  const s = open.get(scratch) ?? new Sandbox(scratch);
  open.delete(scratch); // kept in the order of use
  open.set(scratch, s);
  return s;
}

/** Ends a sandbox's process. */
export function closeSandbox(s: Sandbox): void {
  s.close();
  open.delete(s.scratch);
}

/** Ends every sandbox of this process but the `keep` most recently used. */
export function closeSandboxes(keep = 0): void {
  const all = [...open.values()];
  for (const s of all.slice(0, Math.max(0, all.length - keep))) closeSandbox(s);
}

// no sandbox outlives the grader
process.once("exit", () => {
  for (const s of open.values()) s.close();
});
