// Runs one learner answer in a worker thread: imports it, then checks it with the course's own check.

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

interface Job {
  root: string;
  id: string;
  js: string;
}

const job = workerData as Job;
const dist = (...p: string[]) => pathToFileURL(join(job.root, "dist", ...p)).href;
const targets: Record<string, string> = {
  "./src/index": dist("src", "index.js"),
  "./src/worked-example": dist("src", "worked-example.js"),
  "./course/notebook": dist("course", "notebook.js"),
  mathjs: import.meta.resolve("mathjs"),
};

function link(js: string): string {
  return js.replace(/from\s+"([^"]+)"/g, (whole, spec: string) =>
    targets[spec] ? `from "${targets[spec]}"` : whole,
  );
}

async function run(): Promise<unknown> {
  const { checkExercise } = (await import(
    dist("course", "check.js")
  )) as typeof import("../course/check.js");
  const { exercises } = (await import(
    dist("course", "exercises.generated.js")
  )) as typeof import("../course/exercises.generated.js");
  const ex = exercises.find((e) => e.id === job.id);
  if (!ex) return { id: job.id, verdict: "error", message: `there is no exercise ${job.id}` };
  let answer: unknown;
  try {
    const url = `data:text/javascript;base64,${Buffer.from(link(job.js)).toString("base64")}`;
    answer = ((await import(url)) as { __answer: unknown }).__answer;
  } catch (e) {
    const err = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { id: job.id, verdict: "error", message: `your code threw ${err}` };
  }
  return checkExercise(ex, answer);
}

run().then(
  (result) => parentPort?.postMessage(result),
  (e: unknown) =>
    parentPort?.postMessage({
      id: job.id,
      verdict: "error",
      message: `grading failed: ${String(e)}`,
    }),
);
