// The in-browser kernel's engine: compiles each cell with tslab's converter (TypeScript 5.0.4, as
// the Node kernel does), runs it in this worker, and answers with the messages of lite/protocol.ts.
// Results and errors are shaped by the Node kernel's own code (kernel/).
import { ts, useFiles } from "./typescript.js";
import converterModule, { type Converter } from "tslab/dist/converter.js";
import files from "lite-engine-files";
import { CellRunner } from "../../kernel/cell-runner.js";
import {
  diagnosticLine,
  type ErrorContent,
  thrownContent,
  typeErrorContent,
  withNote,
} from "../../kernel/errors.js";
import { type MathjsModule, resultBundle } from "../../kernel/mime-bundle.js";
import { Recorder, type RerunPlatform } from "../../kernel/recorder.js";
import { completeReply, inspectReply, isCompleteReply } from "../../kernel/replies.js";
import { StreamBuffer, type StreamName } from "../../kernel/stream.js";
import type { FromEngine, ToEngine } from "../protocol.js";
import { nodeLikeConsole, type PrintSink } from "./console.js";
import { mathjsModule } from "./mathjs.js";
import { setDisplaySink, tslabModule } from "./display.js";
import { workerExecutor } from "./executor.js";
import { evalScript, moduleRequire, type Packages } from "./modules.js";
import { dirname, join } from "./paths.js";

/** The CommonJS mathjs, as a cell's `import … from "mathjs"` gets it in node. */
const mathjs: MathjsModule = mathjsModule();
const packages: Packages = { mathjs, tslab: tslabModule };
/**
 * tslab's converter for each notebook folder. A converter keeps no session state between calls
 * (each call passes the declarations to check against), so engines made one after another in the
 * same realm (tests; a worker has one) share it instead of loading TypeScript's libraries again.
 */
const converters = new Map<string, Converter>();

/**
 * What every lesson's first cell imports. While the page waits for its first cell, the engine
 * asks for completions after these imports, as a learner's Tab would, so that the compiler has
 * read and bound their declarations (mathjs's are large) before that cell comes.
 */
const PRELUDE_IMPORTS = ["mathjs", "./src/index", "./src/worked-example", "./course/notebook"];

/** The engine: hand it every message from the page; it answers through the `post` it was made with. */
export interface Engine {
  receive(message: ToEngine): Promise<void>;
  /** Reports an error a cell's timer or promise threw after the cell, on the last cell's stderr. */
  uncaught(kind: string, thrown: unknown): void;
}

/** The folder the notebook is in, in the in-memory file system ("/notebooks" for "lesson.ipynb"). */
function folderOf(notebookPath: string): string {
  const dir = dirname(`/${notebookPath.replace(/^\/+/, "")}`);
  return dir === "/" ? "/notebooks" : dir;
}

/** Where in the in-memory file system each bundled file goes, for a notebook in `folder`. */
function placed(table: Record<string, string>, folder: string): Map<string, string> {
  return new Map(
    Object.entries(table).map(([path, text]) => [
      path.startsWith("/") ? path : join(folder, path),
      text,
    ]),
  );
}

/** The file the engine's own code runs from, read off a stack trace, so its frames can be left out. */
function ownScript(): string | undefined {
  const line = new Error().stack?.split("\n").find((l) => /^\s+at /.test(l));
  return /\(?((?:[a-z]+:\/\/|\/)[^\s()]+?):\d+:\d+\)?$/.exec(line ?? "")?.[1];
}

/**
 * A thrown value's error content, as the Node kernel's: V8 names the anonymous functions of
 * evaluated code "eval" (`at eval (<cell 3>:2:1)`), where node's vm leaves them unnamed.
 */
function thrownInCells(
  thrown: unknown,
  locate: CellRunner["locate"] | undefined,
  foreign: (frame: string) => boolean,
): ErrorContent {
  const content = thrownContent(thrown, locate, foreign);
  const traceback = content.traceback.map((line) =>
    line.replace(/^(\s+at (?:async )?)eval \((<cell[^)]*>[:\d]*)\)$/, "$1$2"),
  );
  return { ...content, traceback };
}

/** Makes an engine that answers through `post`. */
export function createEngine(post: (message: FromEngine) => void): Engine {
  let runner: CellRunner | undefined;
  let print: PrintSink = () => {};
  let lastStreams: StreamBuffer | undefined;
  const script = ownScript();
  const foreign = (frame: string) => script !== undefined && frame.includes(script);
  (globalThis as { console: Console }).console = nodeLikeConsole(() => print);
  let queue = Promise.resolve();

  function start(notebookPath: string): void {
    const folder = folderOf(notebookPath);
    useFiles(placed(files.declarations, folder), folder);
    const modules = placed(files.modules, folder);
    const converter =
      converters.get(folder) ?? converterModule.createConverter({ isJS: false, isBrowser: false });
    converters.set(folder, converter);
    const platform: RerunPlatform = {
      abs: (rel) => join(folder, rel),
      requireFrom: (table) => moduleRequire(folder, table, packages),
      runCell: (output) =>
        evalScript(
          `(function(exports, require) { ${output}\n})(__tslab__.exports, __tslab__.require)`,
        ),
      mute: () => {
        const before = { print, display: setDisplaySink(() => {}) };
        print = () => {};
        return () => {
          print = before.print;
          setDisplaySink(before.display);
        };
      },
    };
    const recorder = new Recorder(platform);
    recorder.addModules(modules);
    runner = new CellRunner({
      executor: (console, store) =>
        workerExecutor(converter, console, store, (side) =>
          moduleRequire(folder, new Map([...modules, ...side]), packages),
        ),
      recorder,
      typescript: ts,
    });
    post({ type: "ready" });
    const imports = PRELUDE_IMPORTS.map((from, i) => `import * as prelude${i} from "${from}";\n`);
    runner.complete(imports.join(""), imports.join("").length);
    // mathjs makes a function when it is first read: the ones the course's modules call, now
    for (const code of modules.values())
      for (const [, name] of code.matchAll(/\bmathjs_\d+\.(\w+)/g))
        void (mathjs as unknown as Record<string, unknown>)[name as string];
  }

  /** Points printing and displays at the cell `id`, as the Node kernel's routeOutputTo does. */
  function routeOutputTo(id: number): StreamBuffer {
    lastStreams?.end();
    const streams = new StreamBuffer((name, text) => post({ type: "stream", id, name, text }));
    lastStreams = streams;
    print = (name: StreamName, text: string) => streams.write(name, text);
    setDisplaySink((bundle, update) => {
      streams.flush();
      post({
        type: "display",
        id,
        data: bundle.data,
        metadata: bundle.metadata ?? {},
        transient: bundle.transient ?? {},
        update,
      });
    });
    return streams;
  }

  async function execute(
    cells: CellRunner,
    id: number,
    code: string,
    count: number,
    silent: boolean,
  ) {
    const streams = routeOutputTo(id);
    const outcome = await cells.run(code, String(count));
    if (outcome.kind === "ok") {
      if (outcome.warnings.length > 0)
        streams.write("stderr", `${outcome.warnings.map(diagnosticLine).join("\n")}\n`);
      streams.end();
      if (outcome.hasValue && !silent) {
        let data: Record<string, unknown>;
        try {
          data = await resultBundle(outcome.value, () => mathjs);
        } catch {
          data = { "text/plain": String(outcome.value) };
        }
        post({ type: "result", id, data, metadata: {} });
      }
      return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
    }
    const error: ErrorContent =
      outcome.kind === "type-error"
        ? typeErrorContent(outcome.diagnostics, code)
        : withNote(thrownInCells(outcome.error, cells.locate, foreign), outcome.note);
    streams.end();
    post({ type: "error", id, ...error });
    return { status: "error", execution_count: count, ...error };
  }

  async function handle(message: ToEngine): Promise<void> {
    if (message.type === "start") return start(message.notebookPath);
    const cells = runner;
    if (!cells) {
      post({
        type: "reply",
        id: message.id,
        content: {
          status: "error",
          ename: "NotStarted",
          evalue: "the engine was not started",
          traceback: [],
        },
      });
      return;
    }
    try {
      switch (message.type) {
        case "execute": {
          const content = await execute(
            cells,
            message.id,
            message.code,
            message.count,
            message.silent,
          );
          return post({ type: "reply", id: message.id, content });
        }
        case "complete":
          return post({
            type: "reply",
            id: message.id,
            content: completeReply(cells, message.code, message.cursor),
          });
        case "inspect":
          return post({
            type: "reply",
            id: message.id,
            content: inspectReply(cells, message.code, message.cursor),
          });
        case "is_complete":
          return post({ type: "reply", id: message.id, content: isCompleteReply(message.code) });
      }
    } catch (error) {
      post({
        type: "reply",
        id: message.id,
        content: { status: "error", ...thrownInCells(error, undefined, foreign) },
      });
    }
  }

  return {
    receive(message) {
      queue = queue.then(() => handle(message));
      return queue;
    },
    uncaught(kind, thrown) {
      const { traceback } = thrownInCells(thrown, runner?.locate, foreign);
      print("stderr", `${kind}: ${traceback.join("\n")}\n`);
    },
  };
}
