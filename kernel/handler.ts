// Answers shell and control requests: one shell request at a time, control requests at once.
import { thrownContent } from "./errors.js";
import { type ExecuteState, execute } from "./execute.js";
import { History, type HistoryRequest } from "./history.js";
import { kernelInfo } from "./info.js";
import { kernelLog } from "./log.js";
import { completeReply, inspectReply, isCompleteReply } from "./replies.js";
import type { CellRunner } from "./run.js";
import type { Sockets } from "./sockets.js";
import { type Content, child, type Message } from "./wire.js";

type Channel = Pick<Sockets["shell"], "send">;

// After a failed cell, requests the client sent before seeing the error get a moment to arrive and be aborted.
const ABORT_SETTLE_MS = 5;

export class Kernel {
  private readonly state: ExecuteState;
  private queue: Message[] = [];
  private busy = false;
  private readonly aborted = new Set<string>();
  private exit: { restart: boolean } | undefined;
  /** Called once a kernel_info reply and its idle status are out: the client now knows the kernel is up. */
  onKernelInfo: (() => void) | undefined;

  constructor(
    private readonly io: Sockets,
    runner: CellRunner,
    private readonly shutdown: (restart: boolean) => void,
  ) {
    this.state = { io, runner, history: new History(), count: 0 };
  }

  onShell(msg: Message): void {
    this.queue.push(msg);
    void this.drain();
  }

  onControl(msg: Message): void {
    // A second shutdown_request while the first closes the sockets has nowhere to be answered.
    if (this.exit) return;
    void this.withStatus(this.io.control, msg).then(() => {
      // Shut down only once the reply and the idle status are out.
      if (this.exit) this.shutdown(this.exit.restart);
    });
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let msg = this.queue.shift(); msg; msg = this.queue.shift()) {
        await this.withStatus(this.io.shell, msg);
        if (msg.header.msg_type === "kernel_info_request") this.onKernelInfo?.();
        if (this.exit) return this.shutdown(this.exit.restart);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Handles `msg` between busy and idle; a request the kernel fails on still gets an error reply. */
  private async withStatus(channel: Channel, msg: Message): Promise<void> {
    void this.io.publish(msg, "status", { execution_state: "busy" });
    try {
      await this.dispatch(channel, msg);
    } catch (error) {
      kernelLog(`${msg.header.msg_type} failed:`, error);
      await this.reply(channel, msg, { status: "error", ...thrownContent(error) });
    } finally {
      await this.io.publish(msg, "status", { execution_state: "idle" });
    }
  }

  private reply(channel: Channel, parent: Message, content: Content): Promise<void> {
    const type = parent.header.msg_type.replace(/_request$/, "_reply");
    return channel.send(child(parent, type, content));
  }

  private async dispatch(channel: Channel, msg: Message): Promise<void> {
    const content = msg.content;
    const code = String(content.code ?? "");
    switch (msg.header.msg_type) {
      case "execute_request":
        return this.execute(channel, msg);
      case "kernel_info_request":
        return this.reply(channel, msg, kernelInfo());
      case "complete_request":
        return this.reply(channel, msg, completeReply(this.state.runner, code, content.cursor_pos));
      case "inspect_request":
        return this.reply(channel, msg, inspectReply(this.state.runner, code, content.cursor_pos));
      case "is_complete_request":
        return this.reply(channel, msg, isCompleteReply(code));
      case "history_request": {
        const history = this.state.history.query(content as HistoryRequest);
        return this.reply(channel, msg, { status: "ok", history });
      }
      case "comm_info_request":
        return this.reply(channel, msg, { status: "ok", comms: {} });
      case "interrupt_request":
        // The watchdog thread has already stopped the cell that was running (watchdog-worker.ts).
        return this.reply(channel, msg, { status: "ok" });
      case "shutdown_request": {
        const restart = content.restart === true;
        this.exit = { restart };
        return this.reply(channel, msg, { status: "ok", restart });
      }
      default:
        kernelLog("unsupported request:", msg.header.msg_type);
    }
  }

  private async execute(channel: Channel, msg: Message): Promise<void> {
    if (this.aborted.delete(msg.header.msg_id)) {
      return this.reply(channel, msg, { status: "aborted", execution_count: this.state.count });
    }
    const outcome = await execute(this.state, msg);
    if (outcome.abortQueue) {
      await new Promise((resolve) => setTimeout(resolve, ABORT_SETTLE_MS));
      for (const queued of this.queue) {
        if (queued.header.msg_type === "execute_request") this.aborted.add(queued.header.msg_id);
      }
    }
    return this.reply(channel, msg, outcome.reply);
  }
}
