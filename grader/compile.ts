// Type-checks every exercise answer at once, as tslab would, and turns each into a runnable module.
import { join } from "node:path";
import ts from "typescript";
import { prelude } from "../tools/prelude.js";
import type { ExerciseRef } from "./extract.js";

/** The compiler settings of tslab's cells: ESNext modules, Node-style resolution, not strict. */
const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
};

/** The lines before the learner's code, so that error positions can be given in the cell's own lines. */
function wrap(code: string, answer: string): { source: string; offset: number } {
  // the notebook's own prelude, module paths and all: the worker maps them to compiled files
  const head = `${prelude()}\nexport const __answer: unknown = (() => {\n`;
  const offset = head.split("\n").length - 1;
  return { source: `${head}${code}\nreturn ${answer};\n})();\n`, offset };
}

export interface Compiled {
  id: string;
  /** An ES module exporting __answer, with the prelude's imports left as placeholders for the worker. */
  js?: string;
  /** A syntax or type error, in the cell's own line:column. */
  error?: string;
}

/**
 * Checks and transpiles every exercise's code. All answers go into one TypeScript program (a few
 * hundred milliseconds in all), each as its own module so that one answer cannot see another.
 */
export function compileAnswers(
  root: string,
  answers: readonly { ex: ExerciseRef; code: string }[],
): Compiled[] {
  const dir = join(root, "notebooks");
  const files = answers.map(({ ex, code }, k) => {
    const file = join(dir, `__grade_${k}_${ex.id.replace(".", "_")}.ts`);
    return { ex, file, ...wrap(code, ex.answer) };
  });
  const virtual = new Map(files.map((f) => [f.file, f.source]));
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError) => {
    const text = virtual.get(name);
    return text !== undefined
      ? ts.createSourceFile(name, text, lang)
      : getSourceFile(name, lang, onError);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.getCurrentDirectory = () => root;
  const program = ts.createProgram(
    [...virtual.keys()],
    { ...OPTIONS, typeRoots: [join(root, "node_modules", "@types")] },
    host,
  );

  return files.map((f) => {
    const sf = program.getSourceFile(f.file);
    const diagnostics = sf
      ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
      : [];
    const first = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error);
    if (first) {
      const message = ts.flattenDiagnosticMessageText(first.messageText, "\n");
      const pos =
        first.file && first.start !== undefined
          ? first.file.getLineAndCharacterOfPosition(first.start)
          : null;
      const line = pos ? pos.line - f.offset + 1 : 0;
      if (first.code === 2304 && message.includes(`'${f.ex.answer}'`)) {
        return {
          id: f.ex.id,
          error: `the answer cell no longer defines ${f.ex.answer}: keep the line that declares it`,
        };
      }
      const where = pos && line >= 1 ? `line ${line}:${pos.character + 1}` : "the prelude";
      return {
        id: f.ex.id,
        error: `${first.code < 2000 ? "syntax" : "type"} error at ${where}: ${message}`,
      };
    }
    const js = ts.transpileModule(f.source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    return { id: f.ex.id, js };
  });
}
