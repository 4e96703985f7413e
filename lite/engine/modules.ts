// What cells `require` in the worker: the library and course modules bundled as the Node kernel
// runs them (CommonJS, compiled by tslab), mathjs, and tslab's display API; nothing else.
import { dirname, extname, join } from "./paths.js";

/** Runs `code` as a global script (as node's vm.runInThisContext does) and returns its value. */
export function evalScript(code: string): unknown {
  return (0, eval)(code);
}

/** The packages a cell may import by name, each already loaded. */
export type Packages = Record<string, unknown>;

/**
 * A require for code in `folder` that loads `modules` (absolute path → CommonJS code) on first
 * use, each once per require made here, and `packages` by name.
 */
export function moduleRequire(
  folder: string,
  modules: ReadonlyMap<string, string>,
  packages: Packages,
): (id: string) => unknown {
  const loaded = new Map<string, { exports: unknown }>();
  const make =
    (from: string) =>
    (id: string): unknown => {
      if (Object.hasOwn(packages, id)) return packages[id];
      if (!id.startsWith("./") && !id.startsWith("../") && !id.startsWith("/"))
        throw notFound(id, "only mathjs, tslab and the course's own files can be imported here");
      let file = join(from, id);
      if (extname(file) === "") file += ".js";
      const done = loaded.get(file);
      if (done) return done.exports;
      const code = modules.get(file);
      if (code === undefined) throw notFound(id);
      const module = { exports: {} as unknown };
      loaded.set(file, module);
      const wrapper = evalScript(
        `(function (exports, require, module, __filename, __dirname) { ${code}\n})\n//# sourceURL=${file}`,
      ) as (...args: unknown[]) => void;
      wrapper.call(
        module.exports,
        module.exports,
        make(dirname(file)),
        module,
        file,
        dirname(file),
      );
      return module.exports;
    };
  return make(folder);
}

function notFound(id: string, why?: string): Error {
  const error = new Error(`Cannot find module '${id}'${why ? ` (${why})` : ""}`);
  (error as Error & { code: string }).code = "MODULE_NOT_FOUND";
  return error;
}
