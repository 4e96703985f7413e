// The Jupyter wire protocol: signed multipart messages (identities, <IDS|MSG>, hmac, four JSON frames, buffers).
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

const DELIM = Buffer.from("<IDS|MSG>");
const PROTOCOL_VERSION = "5.3";
const SESSION = randomUUID();

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type Content = Record<string, unknown>;

export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Content;
  content: Content;
  buffers: Buffer[];
}

/** Signs frames with the connection file's key; an empty key means unsigned, as the spec allows. */
export function signer(key: string, scheme = "hmac-sha256"): (frames: Buffer[]) => string {
  if (key === "") return () => "";
  const algorithm = scheme.replace(/^hmac-/, "");
  return (frames) => {
    const hmac = createHmac(algorithm, key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest("hex");
  };
}

/** Parses raw frames; throws when the delimiter is missing or the signature does not match. */
export function decode(sign: (frames: Buffer[]) => string, frames: Buffer[]): Message {
  const at = frames.findIndex((frame) => frame.equals(DELIM));
  if (at < 0) throw new Error("message without <IDS|MSG> delimiter");
  const signature = frames[at + 1]?.toString() ?? "";
  const parts = frames.slice(at + 2, at + 6);
  if (parts.length < 4) throw new Error(`message with ${parts.length} of 4 JSON frames`);
  const expected = sign(parts);
  // Compare in constant time so the signature cannot be guessed byte by byte.
  if (
    expected.length !== signature.length ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  ) {
    throw new Error("message with a bad signature");
  }
  const [header, parent, metadata, content] = parts.map((part) => JSON.parse(part.toString()));
  return {
    identities: frames.slice(0, at),
    header,
    parent_header: parent,
    metadata,
    content,
    buffers: frames.slice(at + 6),
  };
}

/** Serialises and signs a message into frames ready for a zmq socket. */
export function encode(sign: (frames: Buffer[]) => string, msg: Message): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((part) =>
    Buffer.from(JSON.stringify(part)),
  );
  return [...msg.identities, DELIM, Buffer.from(sign(parts)), ...parts, ...msg.buffers];
}

/** A new message of `msgType` answering (or caused by) `parent`, routed back to the same client. */
export function child(parent: Message | undefined, msgType: string, content: Content): Message {
  return {
    identities: parent?.identities ?? [],
    header: {
      msg_id: randomUUID(),
      session: SESSION,
      username: "kernel",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: parent?.header ?? {},
    metadata: {},
    content,
    buffers: [],
  };
}
