// The five Jupyter channels bound with tslab's zeromq, with ordered sends and a message stream per channel.
import { createRequire } from "node:module";
import { kernelLog } from "./log.js";
import { type Content, child, decode, encode, type Message, signer } from "./wire.js";

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

/** The part of zeromq 6's socket API we use (zeromq comes with tslab, so we load it from there). */
interface ZmqSocket extends AsyncIterable<Buffer[]> {
  bind(address: string): Promise<void>;
  send(frames: Buffer[]): Promise<void>;
  close(): void;
  linger: number;
}
type ZmqSocketClass = new () => ZmqSocket;
interface Zmq {
  Router: ZmqSocketClass;
  Publisher: ZmqSocketClass;
  Reply: ZmqSocketClass;
}

function loadZmq(): Zmq {
  const fromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));
  return fromTslab("zeromq") as Zmq;
}

/** A socket whose sends go out one at a time in call order (zeromq 6 refuses overlapping sends). */
class Channel {
  private last: Promise<void> = Promise.resolve();
  constructor(
    readonly socket: ZmqSocket,
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
  readonly shell: Channel;
  readonly control: Channel;
  readonly iopub: Channel;
  private readonly stdin: ZmqSocket;
  private readonly hb: ZmqSocket;
  private readonly sign: (frames: Buffer[]) => string;

  constructor(private readonly info: ConnectionInfo) {
    const zmq = loadZmq();
    this.sign = signer(info.key, info.signature_scheme);
    this.shell = new Channel(new zmq.Router(), this.sign);
    this.control = new Channel(new zmq.Router(), this.sign);
    this.iopub = new Channel(new zmq.Publisher(), this.sign);
    this.stdin = new zmq.Router();
    this.hb = new zmq.Reply();
  }

  async bind(): Promise<void> {
    const at = (port: number) => `${this.info.transport}://${this.info.ip}:${port}`;
    await Promise.all([
      this.shell.socket.bind(at(this.info.shell_port)),
      this.control.socket.bind(at(this.info.control_port)),
      this.iopub.socket.bind(at(this.info.iopub_port)),
      this.stdin.bind(at(this.info.stdin_port)),
      this.hb.bind(at(this.info.hb_port)),
    ]);
    void this.echoHeartbeats();
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
    const msg = child(parent, msgType, content);
    msg.identities = [Buffer.from(msgType)];
    return this.iopub.send(msg);
  }

  close(): void {
    for (const socket of [this.shell.socket, this.control.socket, this.iopub.socket]) {
      socket.linger = 200;
      socket.close();
    }
    this.stdin.close();
    this.hb.close();
  }

  private async echoHeartbeats(): Promise<void> {
    for await (const frames of this.hb) await this.hb.send(frames);
  }
}
