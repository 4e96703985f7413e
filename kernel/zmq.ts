// tslab's zeromq 6, loaded from tslab's own dependencies, and the part of its socket API the kernel uses.
import { createRequire } from "node:module";

export interface ZmqSocket extends AsyncIterable<Buffer[]> {
  bind(address: string): Promise<void>;
  send(frames: Buffer[]): Promise<void>;
  close(): void;
  linger: number;
  sendHighWaterMark: number;
}
type ZmqSocketClass = new () => ZmqSocket;
export interface Zmq {
  Router: ZmqSocketClass;
  Publisher: ZmqSocketClass;
  Reply: ZmqSocketClass;
}

export function loadZmq(): Zmq {
  const fromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));
  return fromTslab("zeromq") as Zmq;
}
