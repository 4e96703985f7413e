// The five Jupyter channels bound with tslab's zeromq, with ordered sends and a message stream per channel.
import { kernelLog } from "./log.js";
import { Watchdog } from "./watchdog.js";
import { type Content, child, decode, encode, type Message, signer } from "./wire.js";
import { loadZmq, type ZmqSocket } from "./zmq.js";

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme?: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

/** What a channel needs of its socket: a zmq socket, or the watchdog thread's control socket. */
interface FrameSocket extends AsyncIterable<Buffer[]> {
  send(frames: Buffer[]): Promise<void>;
}

/** A socket whose sends go out one at a time in call order (zeromq 6 refuses overlapping sends). */
class Channel<S extends FrameSocket = FrameSocket> {
  private last: Promise<void> = Promise.resolve();
  constructor(
    readonly socket: S,
    private readonly sign: (frames: Buffer[]) => string,
  ) {}

  send(msg: Message): Promise<void> {
    const frames = encode(this.sign, msg);
    this.last = this.last
      .then(() => this.socket.send(frames))
      .catch((error) => kernelLog("send failed:", error));
    return this.last;
  }
}

export class Sockets {
  readonly shell: Channel<ZmqSocket>;
  readonly control: Channel<Watchdog>;
  readonly iopub: Channel<ZmqSocket>;
  private readonly stdin: ZmqSocket;
  private readonly sign: (frames: Buffer[]) => string;
  private closed = false;

  constructor(private readonly info: ConnectionInfo) {
    const zmq = loadZmq();
    this.sign = signer(info.key, info.signature_scheme);
    this.shell = new Channel(new zmq.Router(), this.sign);
    // Control and heartbeat live on their own thread, so they answer while a cell keeps this one busy.
    this.control = new Channel(new Watchdog(info), this.sign);
    const iopub = new zmq.Publisher();
    // zmq's default of 1,000 queued messages would silently drop output and even the idle status.
    iopub.sendHighWaterMark = 0;
    this.iopub = new Channel(iopub, this.sign);
    this.stdin = new zmq.Router();
  }

  async bind(): Promise<void> {
    const at = (port: number) => `${this.info.transport}://${this.info.ip}:${port}`;
    await Promise.all([
      this.shell.socket.bind(at(this.info.shell_port)),
      this.control.socket.ready,
      this.iopub.socket.bind(at(this.info.iopub_port)),
      this.stdin.bind(at(this.info.stdin_port)),
    ]);
  }

  /** Calls `handle` for every valid message arriving on `channel`; bad ones are logged and dropped. */
  async listen(channel: Channel, handle: (msg: Message) => void): Promise<void> {
    for await (const frames of channel.socket) {
      let msg: Message;
      try {
        msg = decode(this.sign, frames);
      } catch (error) {
        kernelLog("dropped a message:", error);
        continue;
      }
      handle(msg);
    }
  }

  /** Publishes on iopub; the topic frame is the message type, as ipykernel does. */
  publish(parent: Message | undefined, msgType: string, content: Content): Promise<void> {
    // Output of a timer still running while the kernel shuts down has no one to go to.
    if (this.closed) return Promise.resolve();
    const msg = child(parent, msgType, content);
    msg.identities = [Buffer.from(msgType)];
    return this.iopub.send(msg);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of [this.shell.socket, this.iopub.socket]) {
      socket.linger = 200;
      socket.close();
    }
    this.control.socket.close();
    this.stdin.close();
  }
}
