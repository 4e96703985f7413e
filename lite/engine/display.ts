// tslab's `display` API (import * as tslab from "tslab"), which the course's pictures draw through:
// each call sends one display_data bundle to the cell running now.

/** One display bundle, as the Node kernel receives it from tslab. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

/** Where bundles go: the engine points it at the current cell. */
export type DisplaySink = (bundle: DisplayBundle, update: boolean) => void;

let sink: DisplaySink = () => {};

/** Sends later displays to `next`; returns the sink it replaces. */
export function setDisplaySink(next: DisplaySink): DisplaySink {
  const before = sink;
  sink = next;
  return before;
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/** tslab's display methods, each sending its argument as one mime type. */
const MIME_TYPES = {
  javascript: "text/javascript",
  html: "text/html",
  markdown: "text/markdown",
  latex: "text/latex",
  svg: "image/svg+xml",
  text: "text/plain",
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  pdf: "application/pdf",
} as const;

type Display = { [method in keyof typeof MIME_TYPES]: (content: string | Uint8Array) => void } & {
  raw(contentType: string, content: string | Uint8Array): void;
};

/** A display: with an id, its second and later calls update what its first one showed. */
function newDisplayObject(id?: string): Display {
  let update = false;
  const raw = (contentType: string, content: string | Uint8Array) => {
    const data = { [contentType]: typeof content === "string" ? content : base64(content) };
    const again = update;
    if (id) update = true;
    sink({ data, metadata: {}, transient: { display_id: id } }, again);
  };
  const methods = Object.entries(MIME_TYPES).map(([name, type]) => [
    name,
    (content: string | Uint8Array) => raw(type, content),
  ]);
  return { raw, ...Object.fromEntries(methods) } as Display;
}

let displays = 0;

/** The module a cell gets for `require("tslab")`. */
export const tslabModule = {
  display: newDisplayObject(),
  newDisplay: () => newDisplayObject(`display-${++displays}-${Date.now().toString(16)}`),
  versions: { tslab: "1.0.22", typescript: "5.0.4", node: "none (a Web Worker)" },
};
