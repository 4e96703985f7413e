// mathjs in the worker. The package's main module makes every one of its functions as it loads
// (1.5–2 s of the worker's start-up on this project's machine); mathjs's own default instance,
// create(all), makes each function the first time it is read. Cells and the course's modules get a
// module with the main module's names (listed when the engine is built): a name the instance has
// reads the instance; the others (factories, dependency lists, docs) read the main module, which
// is loaded only if one of them is used.
import files from "lite-engine-files";
import type { MathjsModule } from "../../kernel/mime-bundle.js";

declare const require: (id: string) => unknown;

/** The module a cell gets for `require("mathjs")`, made once. */
export function mathjsModule(): MathjsModule {
  const instance = (require("mathjs-default-instance") as { default: Record<string, unknown> })
    .default;
  let main: Record<string, unknown> | undefined;
  const module: Record<string, unknown> = {};
  Object.defineProperty(module, "__esModule", { value: true });
  for (const name of files.mathjsNames)
    Object.defineProperty(module, name, {
      enumerable: true,
      get: () =>
        name in instance
          ? instance[name]
          : (main ??= require("mathjs") as Record<string, unknown>)[name],
    });
  return module as unknown as MathjsModule;
}
