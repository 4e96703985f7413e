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

/** A display: with an id, its second and later calls update what its first one showed. */
class Display {
  private update = false;

  constructor(private readonly id?: string) {}

  javascript(s: string) {
    this.raw("text/javascript", s);
  }
  html(s: string) {
    this.raw("text/html", s);
  }
  markdown(s: string) {
    this.raw("text/markdown", s);
  }
  latex(s: string) {
    this.raw("text/latex", s);
  }
  svg(s: string) {
    this.raw("image/svg+xml", s);
  }
  png(b: Uint8Array) {
    this.raw("image/png", b);
  }
  jpeg(b: Uint8Array) {
    this.raw("image/jpeg", b);
  }
  gif(b: Uint8Array) {
    this.raw("image/gif", b);
  }
  pdf(b: Uint8Array) {
    this.raw("application/pdf", b);
  }
  text(s: string) {
    this.raw("text/plain", s);
  }
  raw(contentType: string, content: string | Uint8Array) {
    const data = { [contentType]: typeof content === "string" ? content : base64(content) };
    const update = this.update;
    if (this.id) this.update = true;
    sink({ data, metadata: {}, transient: { display_id: this.id } }, update);
  }
}

let displays = 0;

/** The module a cell gets for `require("tslab")`. */
export const tslabModule = {
  display: new Display(),
  newDisplay: () => new Display(`display-${++displays}-${Date.now().toString(16)}`),
  versions: { tslab: "1.0.22", typescript: "5.0.4", node: "none (a Web Worker)" },
};
