// Loads the built engine (dist/lite/engine.js, rebuilt when a source is newer) into this process
// as a Web Worker would run it (lite/load-engine.ts), and drives engines made from it.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type EngineHandle, type LoadedEngine, loadEngine } from "../../lite/load-engine.js";
import type { FromEngine, ToEngine } from "../../lite/protocol.js";

const root = join(import.meta.dirname, "..", "..");
const ENGINE = join(root, "dist", "lite", "engine.js");
/** What the bundle is made from: a newer file here means it is rebuilt first. */
const SOURCES = ["lite", "kernel", "src", "course", "fast"];

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const full = join(dir, e.name);
      return e.isDirectory() ? newest(full) : statSync(full).mtimeMs;
    }),
  );
}

let loaded: LoadedEngine | undefined;

/** The engine bundle, built if stale and evaluated once per process as a worker's script. */
export function engineBundle(): LoadedEngine {
  if (loaded) return loaded;
  const built = existsSync(ENGINE) ? statSync(ENGINE).mtimeMs : 0;
  if (SOURCES.some((s) => newest(join(root, s)) > built))
    execFileSync("npm", ["run", "lite:engine", "--silent"], { cwd: root, stdio: "pipe" });
  loaded = loadEngine(ENGINE);
  return loaded;
}

/** One engine, as one notebook's worker: requests in, the messages that answer each out. */
export class EngineSession {
  private readonly posted: FromEngine[] = [];
  private readonly engine: EngineHandle;
  private nextId = 0;
  private count = 0;

  constructor() {
    this.engine = engineBundle().createEngine((m) => this.posted.push(m));
  }

  /** Starts the engine for `notebookPath`; resolves once it is ready. */
  async start(notebookPath: string, language: "en" | "zh-TW" = "en"): Promise<void> {
    await this.engine.receive({ type: "start", notebookPath, language });
    if (!this.posted.some((m) => m.type === "ready")) throw new Error("the engine is not ready");
  }

  /** The messages answering one request, its reply last. */
  async request(make: (id: number) => ToEngine): Promise<FromEngine[]> {
    const id = ++this.nextId;
    await this.engine.receive(make(id));
    // printed text may wait for its batch timer; the reply comes after the cell's streams end
    return this.posted.filter((m) => "id" in m && m.id === id);
  }

  /** Executes `code` as the next cell. */
  execute(code: string): Promise<FromEngine[]> {
    const count = ++this.count;
    return this.request((id) => ({ type: "execute", id, code, count, silent: false }));
  }
}

/** The text a cell printed to `name`. */
export function printed(messages: FromEngine[], name: "stdout" | "stderr" = "stdout"): string {
  return messages.flatMap((m) => (m.type === "stream" && m.name === name ? [m.text] : [])).join("");
}

/** The reply among a request's messages. */
export function replyOf(messages: FromEngine[]): Record<string, unknown> {
  const reply = messages.find((m) => m.type === "reply");
  if (!reply || reply.type !== "reply") throw new Error("no reply");
  return reply.content;
}
