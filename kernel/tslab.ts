// The pieces of tslab 1.0.22 the course kernel reuses: its converter (type checking, completion, inspection) and executor.
import { createRequire } from "node:module";
import type { Converter } from "tslab/dist/converter.js";
import converterModule from "tslab/dist/converter.js";
import type { ConsoleInterface, ConverterSet, Executor } from "tslab/dist/executor.js";
import executorModule from "tslab/dist/executor.js";
import jupyterModule from "tslab/dist/jupyter.js";

export type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "tslab/dist/converter.js";
export type { Executor } from "tslab/dist/executor.js";

export const isCompleteCode = converterModule.isCompleteCode;
export const printQuickInfo = (
  createRequire(import.meta.url)("tslab/dist/inspect.js") as {
    printQuickInfo(info: unknown): string;
  }
).printQuickInfo;
const fromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));
/** The TypeScript that compiles cells: the copy bundled with tslab, not the project's. */
export const typescriptVersion = (
  fromTslab("@tslab/typescript-for-tslab/package.json") as { version: string }
).version;

/** One display_data bundle, as tslab's public `display` API hands it over. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: Record<string, unknown>;
}

/** Points tslab's `display` API (import * as tslab from "tslab") at the current cell. */
export function setDisplaySink(sink: (bundle: DisplayBundle, update: boolean) => void): void {
  // tslab's public.js reads this module-level variable on every display call.
  (jupyterModule as unknown as { lastWriteDisplayData: typeof sink }).lastWriteDisplayData = sink;
}

/** Wraps the Node converter on its way to the executor; it gets a factory, so it may create none. */
export type WrapConverter = (create: () => Converter) => Converter;

/** Node and browser converters, each created on first use like tslab's own ConverterSetImpl. */
function converterSet(wrap: WrapConverter): ConverterSet {
  const made: { node?: Converter; browser?: Converter } = {};
  return {
    get node() {
      made.node ??= wrap(() => converterModule.createConverter({ isJS: false, isBrowser: false }));
      return made.node;
    },
    get browser() {
      made.browser ??= converterModule.createConverter({ isJS: false, isBrowser: true });
      return made.browser;
    },
    close() {
      made.node?.close();
      made.browser?.close();
    },
  };
}

/** tslab's executor rooted at `rootDir`; it reports the last expression via log, failures via error. */
export function tslabExecutor(
  rootDir: string,
  console: ConsoleInterface,
  wrap: WrapConverter = (create) => create(),
): Executor {
  return executorModule.createExecutor(rootDir, converterSet(wrap), console);
}
