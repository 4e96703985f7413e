// The course kernel's pure parts: stream batching, code-point positions, bounded results, cell positions.
import { describe, expect, it } from "vitest";
import { boundBundle, MAX_BUNDLE_BYTES } from "../../kernel/bounds.js";
import { pointIndex, unitIndex } from "../../kernel/codepoints.js";
import { thrownContent } from "../../kernel/errors.js";
import { CellSource } from "../../kernel/positions.js";
import { FLUSH_SIZE, StreamBuffer, type StreamName } from "../../kernel/stream.js";
import { typescript } from "../../kernel/tslab.js";

function recorder() {
  const sent: [StreamName, string][] = [];
  return { sent, sink: (name: StreamName, text: string) => void sent.push([name, text]) };
}

describe("StreamBuffer", () => {
  it("StreamBuffer joins writes and keeps stdout/stderr order across a switch", () => {
    const { sent, sink } = recorder();
    const streams = new StreamBuffer(sink);
    streams.write("stdout", "a");
    streams.write("stdout", "b");
    streams.write("stderr", "c");
    streams.write("stdout", "d");
    streams.end();
    expect(sent).toEqual([
      ["stdout", "ab"],
      ["stderr", "c"],
      ["stdout", "d"],
    ]);
  });

  it("StreamBuffer sends a full buffer at once, without waiting for the timer", () => {
    const { sent, sink } = recorder();
    const streams = new StreamBuffer(sink);
    streams.write("stdout", "x".repeat(FLUSH_SIZE));
    expect(sent.map(([, text]) => text.length)).toEqual([FLUSH_SIZE]);
    streams.end();
  });

  it("StreamBuffer stops at its cap and notes, once, how much it left out", () => {
    const { sent, sink } = recorder();
    const streams = new StreamBuffer(sink, 10);
    streams.write("stdout", "0123456\n");
    streams.write("stdout", "789\nabc\n");
    streams.end();
    expect(sent[0]).toEqual(["stdout", "0123456\n78"]);
    expect(sent.slice(1)).toHaveLength(1);
    expect(sent[1]?.[1]).toContain("6 more characters (2 lines) were left out");
  });
});

describe("code points", () => {
  const text = 'a😀b"';
  it("unitIndex counts an emoji as one position and two UTF-16 units", () => {
    expect([0, 1, 2, 3, 4].map((p) => unitIndex(text, p))).toEqual([0, 1, 3, 4, 5]);
  });
  it("pointIndex is unitIndex's inverse", () => {
    expect([0, 1, 3, 4, 5].map((u) => pointIndex(text, u))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("boundBundle", () => {
  it("boundBundle drops the largest rich form until the bundle fits, keeping text/plain", () => {
    const bundle = boundBundle({
      "text/plain": "m",
      "text/html": "h".repeat(MAX_BUNDLE_BYTES),
      "text/latex": "l".repeat(1000),
    });
    expect(Object.keys(bundle)).toEqual(["text/plain", "text/latex"]);
  });
  it("boundBundle cuts a huge text/plain with a note", () => {
    const plain = String(boundBundle({ "text/plain": "x".repeat(1_000_000) })["text/plain"]);
    expect(plain.length).toBeLessThan(40_000);
    expect(plain).toMatch(/more characters left out\)$/);
  });
});

describe("CellSource", () => {
  it("CellSource.locate finds the cell's line and column behind tslab's added lines", () => {
    const source = "function g(): never {\n  throw new Error('x');\n}\ng();";
    const output = [
      'Object.defineProperty(exports, "__esModule", { value: true });',
      "exports.g = void 0;",
      "function g() {",
      "    throw new Error('x');",
      "}",
      "exports.g = g;",
      "g();",
      "",
    ].join("\n");
    const cell = new CellSource(source, output, 30, typescript);
    expect(cell.locate(4, 5)).toEqual({ line: 2, column: 3 });
    expect(cell.locate(7, 1)).toEqual({ line: 4, column: 1 });
    expect(cell.locate(9, 1)).toBeUndefined();
  });
});

describe("thrownContent", () => {
  it("thrownContent() shows a call into the course's library as one line naming the function the cell called", () => {
    const error = new Error("k must be a vector; got undefined");
    error.stack = [
      "AttentionError: k must be a vector; got undefined",
      "    at toVector (/home/me/course/notebooks/src/shape.js:111:15)",
      "    at Proxy.score (/home/me/course/notebooks/src/score.js:18:40)",
      "    at cell-2:3:30",
      "    at Script.runInThisContext (node:vm:137:12)",
      "    at file:///home/me/course/node_modules/tslab/dist/executor.js:61:33",
    ].join("\n");
    const locate = (script: string) =>
      script === "cell-2" ? { cell: "7", line: 1, column: 1 } : undefined;
    expect(thrownContent(error, locate).traceback).toEqual([
      "Error: k must be a vector; got undefined",
      "    at score (library: src/score.ts)",
      "    at <cell 7>:1:1",
    ]);
  });
});
