// The compiler's globals in the browser, where the Node kernel's compiler reads @types/node: a cell
// in a Web Worker has no node, and parsing those 2.3 MB at every start was most of the kernel's
// start-up. Declared here is what a cell can use in the worker (the course's cells use `console`),
// with the parameters @types/node gives them, so that the course's cells type-check as they do in
// node. The engine's build places this file at /node_modules/@types/node/ in the compiler's files.
/* eslint-disable @typescript-eslint/no-explicit-any, no-var -- node's own parameter types and a global `var`, as @types/node declares them */

/** The console of a cell: prints to the cell's output, formatted as node formats it. */
interface Console {
  log(message?: any, ...optionalParams: any[]): void;
  info(message?: any, ...optionalParams: any[]): void;
  debug(message?: any, ...optionalParams: any[]): void;
  error(message?: any, ...optionalParams: any[]): void;
  warn(message?: any, ...optionalParams: any[]): void;
  trace(message?: any, ...optionalParams: any[]): void;
  dir(obj: any, options?: { depth?: number | null; colors?: boolean; showHidden?: boolean }): void;
  dirxml(...data: any[]): void;
  table(tabularData: any, properties?: ReadonlyArray<string>): void;
  assert(value: any, message?: string, ...optionalParams: any[]): void;
  count(label?: string): void;
  countReset(label?: string): void;
  group(...label: any[]): void;
  groupCollapsed(...label: any[]): void;
  groupEnd(): void;
  time(label?: string): void;
  timeLog(label?: string, ...data: any[]): void;
  timeEnd(label?: string): void;
  clear(): void;
  profile(label?: string): void;
  profileEnd(label?: string): void;
  timeStamp(label?: string): void;
}
declare var console: Console;

declare function setTimeout<A extends any[]>(
  callback: (...args: A) => void,
  ms?: number,
  ...args: A
): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval<A extends any[]>(
  callback: (...args: A) => void,
  ms?: number,
  ...args: A
): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T, options?: { transfer?: ReadonlyArray<unknown> }): T;
declare var performance: { now(): number; readonly timeOrigin: number };
/** What a cell's `require` loads: mathjs, tslab and the course's own modules. */
declare function require(id: string): any;
