// The pieces of tslab 1.0.22 the course kernel reuses: its converter (type checking, completion, inspection) and executor.
import { createRequire } from "node:module";
import vm from "node:vm";
import type { Converter, ConvertResult } from "tslab/dist/converter.js";
import converterModule from "tslab/dist/converter.js";
import type { ConsoleInterface, ConverterSet, Executor } from "tslab/dist/executor.js";
import executorModule from "tslab/dist/executor.js";
import jupyterModule from "tslab/dist/jupyter.js";
import type { ScannerSource } from "./positions.js";
import { shared } from "./shared.js";

export type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "tslab/dist/converter.js";
export type { Executor } from "tslab/dist/executor.js";

const fromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));
/** The TypeScript that compiles cells (its scanner places errors in cells), loaded by tslab's converter already. */
export const typescript = fromTslab("@tslab/typescript-for-tslab") as ScannerSource;

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

/**
 * Where cells' declarations are kept. tslab's executor keeps its own (prevDecl), but only after a
 * cell succeeds; the converters made here ignore that one and use `declarations()` instead, and
 * report every conversion to `converted`, so the caller decides what a cell leaves declared.
 */
export interface DeclarationStore {
  declarations(): string;
  converted(result: ConvertResult): void;
}

/** The converter's calls run `shared.critical`: an interrupt must not leave its program half updated. */
function withDeclarations(converter: Converter, store: DeclarationStore): Converter {
  return {
    convert: (_tslabDecl, src) => {
      const result = shared.critical(() => converter.convert(store.declarations(), src));
      store.converted(result);
      return result;
    },
    inspect: (_tslabDecl, src, position) =>
      shared.critical(() => converter.inspect(store.declarations(), src, position)),
    complete: (_tslabDecl, src, position) =>
      shared.critical(() => converter.complete(store.declarations(), src, position)),
    close: () => converter.close(),
    addModule: (name, content, meta) =>
      shared.critical(() => converter.addModule(name, content, meta)),
  };
}

/** Wraps the Node converter on its way to the executor; it gets a factory, so it may create none. */
export type WrapConverter = (create: () => Converter) => Converter;

/** Node and browser converters, each created on first use like tslab's own ConverterSetImpl. */
function converterSet(store: DeclarationStore, wrap: WrapConverter): ConverterSet {
  const made: { node?: Converter; browser?: Converter } = {};
  const create = (isBrowser: boolean) => () =>
    converterModule.createConverter({ isJS: false, isBrowser });
  const make = (isBrowser: boolean) =>
    withDeclarations(isBrowser ? create(true)() : wrap(create(false)), store);
  return {
    get node() {
      made.node ??= shared.critical(() => make(false));
      return made.node;
    },
    get browser() {
      made.browser ??= shared.critical(() => make(true));
      return made.browser;
    },
    close() {
      made.node?.close();
      made.browser?.close();
    },
  };
}

let cellCodeMarked = false;
/** The promise of the last cell whose code awaits (an async wrapper), while it is unsettled. */
let awaiting: Promise<unknown> | undefined;

/** The running cell's own promise, when its code awaits and has not finished; else undefined. */
export function cellAwaiting(): Promise<unknown> | undefined {
  return awaiting;
}

/**
 * Marks every run of cell code in shared state (see SharedState.cellCode). tslab starts a cell's
 * code with vm.runInThisContext(…, { breakOnSigint: true }), the course's rerun of recorded cells
 * does too, and nothing else in the kernel does.
 */
function markCellCode(): void {
  if (cellCodeMarked) return;
  cellCodeMarked = true;
  const run = vm.runInThisContext;
  vm.runInThisContext = (code: string, options?: vm.RunningScriptOptions | string) => {
    if (typeof options !== "object" || !options.breakOnSigint) return run(code, options);
    const result: unknown = shared.cellCode(() => run(code, options));
    if (result instanceof Promise) {
      const own = result;
      awaiting = own;
      const clear = () => {
        if (awaiting === own) awaiting = undefined;
      };
      own.then(clear, clear);
    }
    return result;
  };
}

/** tslab's executor rooted at `rootDir`; it reports the last expression via log, failures via error. */
export function tslabExecutor(
  rootDir: string,
  console: ConsoleInterface,
  store: DeclarationStore,
  wrap: WrapConverter = (create) => create(),
): Executor {
  markCellCode();
  return executorModule.createExecutor(rootDir, converterSet(store, wrap), console);
}
