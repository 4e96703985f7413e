// The course kernel on JupyterLite's kernel API: Jupyter messages in, engine requests out, the
// engine's outputs back as Jupyter messages. Interrupt stops the worker (a page cannot interrupt a
// worker's running code in place without SharedArrayBuffer) and takes another (warm, when the page
// keeps one); the stopped cell then says, in its edition's words, that the kernel restarted.
import type { KernelMessage } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import { type Language } from "../../../course/language.js";
import { words } from "../../../course/words.js";
import { languageInfo } from "../../../kernel/names.js";
import {
  type EngineConnection,
  type EngineOutput,
  type EngineRequest,
  type StartMessage,
  takeEngine,
  warmEngine,
} from "./engine.js";

/** The page's performance mark (bench/site.ts reads it) when JupyterLite makes one of our kernels. */
export const KERNEL_MADE = "attention-from-zero:kernel-made";

/**
 * How long a kernel waits, idle after a cell, before the page warms the engine that its next
 * restart or interrupt (or another notebook in its folder) will take: a pause, so that loading it
 * does not slow the cells a learner runs one after another.
 */
const WARM_AFTER_IDLE_MS = 3000;

type Content<M extends KernelMessage.IMessage> = M["content"];

/** The edition of a notebook in `location` (its folder): zh-TW under a zh-TW/ folder, else English. */
export function editionOf(location: string): Language {
  return location.split("/").includes("zh-TW") ? "zh-TW" : "en";
}

/** The message that starts the engine of a kernel started in `location` (its notebook's folder). */
export function startMessage(location: string): StartMessage {
  return { type: "start", notebookPath: location, language: editionOf(location) };
}

/**
 * The in-browser course kernel: one engine worker per kernel (the warm one when the page has it),
 * another after an interrupt. A kernel made `asleep` starts its engine only when first asked
 * something (a cell, a completion, an inspection), and keeps it.
 */
export class CourseKernel extends BaseKernel {
  private engine: EngineConnection | undefined;
  private readonly language: Language;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;

  /** `engineUrl`: the URL of dist/lite/engine.js as the site serves it. */
  constructor(
    options: IKernel.IOptions,
    private readonly engineUrl: string,
    asleep = false,
  ) {
    super(options);
    performance.mark(KERNEL_MADE);
    this.language = editionOf(options.location);
    if (!asleep) this.wake();
  }

  /** Ready when its engine is; at once for a kernel asleep (it has no engine to wait for yet). */
  override get ready(): Promise<void> {
    return this.engine?.ready ?? Promise.resolve();
  }

  /** Starts the engine of a kernel made asleep (the warm one, when the page has it for its folder). */
  private wake(): EngineConnection {
    this.engine ??= this.startEngine();
    return this.engine;
  }

  /** Stops whatever the engine runs by replacing it: the running cell ends with the restart words. */
  interrupt(): void {
    if (!this.engine) return; // asleep: nothing runs
    this.engine.stop();
    this.engine = this.startEngine();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    clearTimeout(this.warmTimer);
    this.engine?.stop();
    super.dispose();
  }

  async kernelInfoRequest(): Promise<Content<KernelMessage.IInfoReplyMsg>> {
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "attention-from-zero-lite",
      implementation_version: "0.1.0",
      language_info: languageInfo("5.0"),
      banner: "TypeScript (Attention from Zero), in the browser: the course kernel in a Web Worker",
      help_links: [],
    };
  }

  async executeRequest(
    content: Content<KernelMessage.IExecuteRequestMsg>,
  ): Promise<Content<KernelMessage.IExecuteReplyMsg>> {
    const count = this.executionCount;
    clearTimeout(this.warmTimer);
    const answer = await this.wake().request(
      { type: "execute", code: content.code, count, silent: content.silent === true },
      (output) => this.relay(output, count),
    );
    this.warmTimer = setTimeout(() => {
      if (!this.isDisposed) warmEngine(this.engineUrl, startMessage(this.location));
    }, WARM_AFTER_IDLE_MS);
    if (answer !== "stopped")
      return {
        execution_count: count,
        ...answer.content,
      } as Content<KernelMessage.IExecuteReplyMsg>;
    const said = words(this.language).kernelRestarted;
    const error = { ename: "KernelRestarted", evalue: said, traceback: [said] };
    this.publishExecuteError(error);
    return { status: "error", execution_count: count, ...error };
  }

  async completeRequest(
    content: Content<KernelMessage.ICompleteRequestMsg>,
  ): Promise<Content<KernelMessage.ICompleteReplyMsg>> {
    const { code, cursor_pos: cursor } = content;
    return this.ask(
      { type: "complete", code, cursor },
      {
        status: "ok",
        matches: [],
        cursor_start: cursor,
        cursor_end: cursor,
        metadata: {},
      },
    );
  }

  async inspectRequest(
    content: Content<KernelMessage.IInspectRequestMsg>,
  ): Promise<Content<KernelMessage.IInspectReplyMsg>> {
    const { code, cursor_pos: cursor, detail_level: detailLevel } = content;
    return this.ask(
      { type: "inspect", code, cursor, detailLevel },
      { status: "ok", found: false, data: {}, metadata: {} },
    );
  }

  async isCompleteRequest(
    content: Content<KernelMessage.IIsCompleteRequestMsg>,
  ): Promise<Content<KernelMessage.IIsCompleteReplyMsg>> {
    return this.ask({ type: "is_complete", code: content.code }, { status: "unknown" });
  }

  async commInfoRequest(): Promise<Content<KernelMessage.ICommInfoReplyMsg>> {
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}
  async commOpen(): Promise<void> {}
  async commMsg(): Promise<void> {}
  async commClose(): Promise<void> {}

  /** The engine's reply to a request that prints nothing, or `stopped` if the engine was stopped first. */
  private async ask<T>(request: EngineRequest, stopped: T): Promise<T> {
    const answer = await this.wake().request(request, () => {});
    return answer === "stopped" ? stopped : (answer.content as T);
  }

  private startEngine(): EngineConnection {
    return takeEngine(this.engineUrl, startMessage(this.location));
  }

  /** One engine output as the Jupyter message it stands for, on the running cell. */
  private relay(output: EngineOutput, count: number): void {
    switch (output.type) {
      case "stream":
        return this.stream({ name: output.name, text: output.text });
      case "display": {
        const { data, metadata, transient = {} } = output;
        const bundle = { data, metadata, transient } as Content<KernelMessage.IDisplayDataMsg>;
        if (output.update)
          return this.updateDisplayData(bundle as Content<KernelMessage.IUpdateDisplayDataMsg>);
        return this.displayData(bundle);
      }
      case "result":
        return this.publishExecuteResult({
          execution_count: count,
          data: output.data,
          metadata: output.metadata,
        } as Content<KernelMessage.IExecuteResultMsg>);
      case "error":
        return this.publishExecuteError({
          ename: output.ename,
          evalue: output.evalue,
          traceback: output.traceback,
        });
    }
  }
}
