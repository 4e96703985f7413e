// `npm run build`: writes notebooks/*.ipynb and the exercise registry from the lessons, never over a learner's work.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { generate } from "./generate.js";
import { learnerChange } from "./ipynb.js";
import { EXERCISE_LIST, NOTEBOOKS, REGISTRY, ROOT } from "./paths.js";
import { stampLine } from "./translation.js";
import { linkLibraries } from "./workspace.js";

function writeIfChanged(file: string, text: string): boolean {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return false;
  writeFileSync(file, text);
  return true;
}

function main(argv: string[]): number {
  const backup = argv.includes("--backup");
  const outAt = argv.indexOf("--out");
  const outDir = outAt >= 0 ? resolve(argv[outAt + 1] ?? ".") : NOTEBOOKS;
  const { notebooks, registry, list, translations } = generate();
  mkdirSync(outDir, { recursive: true });
  const rel = (f: string) => relative(ROOT, f);
  if (writeIfChanged(EXERCISE_LIST, list)) console.log(`wrote ${rel(EXERCISE_LIST)}`);
  if (writeIfChanged(REGISTRY, registry)) console.log(`wrote ${rel(REGISTRY)}`);
  const kept: string[] = [];
  for (const [name, text] of notebooks) {
    const file = join(outDir, name);
    if (dirname(file) !== outDir) {
      mkdirSync(dirname(file), { recursive: true });
      linkLibraries(dirname(file));
    }
    if (existsSync(file)) {
      const current = readFileSync(file, "utf8");
      if (current === text) continue;
      const why = learnerChange(current);
      if (why) {
        if (!backup) {
          kept.push(`  ${rel(file)}: ${why}`);
          continue;
        }
        const stamp = new Date().toISOString().replace(/[:.]/g, "-");
        const saved = file.replace(/\.ipynb$/, `.mine-${stamp}.ipynb`);
        renameSync(file, saved);
        console.log(`kept your version of ${rel(file)} as ${rel(saved)}`);
      }
    }
    writeFileSync(file, text);
    console.log(`wrote ${rel(file)}`);
  }
  for (const t of translations.filter((x) => x.stale))
    console.warn(
      [
        `${rel(t.file)} was translated from an earlier ${rel(t.english)}: bring it up to date with`,
        `  git log -p ${rel(t.english)}`,
        `then make its first line ${stampLine(t.lang, basename(t.english, ".md"), t.stamp)}`,
      ].join("\n"),
    );
  if (kept.length > 0) {
    console.error(
      [
        "These notebooks were NOT rewritten, so that your work in them is safe:",
        ...kept,
        "To get the new version of each and keep yours beside it (renamed *.mine-<time>.ipynb), run:",
        "  npm run build -- --backup",
      ].join("\n"),
    );
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
