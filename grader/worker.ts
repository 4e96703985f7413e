// Runs learner answers in a worker thread: loads the course once, then imports each answer as its own module and checks it.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";

interface Job {
  id: string;
  js: string;
}

const root = (workerData as { root: string }).root;
const dist = (...p: string[]) => pathToFileURL(join(root, "dist", ...p)).href;
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

// Load everything an answer needs before the clock starts, so that the time limit is the answer's own.
const [{ checkExercise }, { exercises }] = (await Promise.all([
  import(dist("course", "check.js")),
  import(dist("course", "exercises.generated.js")),
  ...Object.values(targets).map((t) => import(t)),
])) as [typeof import("../course/check.js"), typeof import("../course/exercises.generated.js")];

async function run(job: Job): Promise<unknown> {
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

parentPort?.on("message", (job: Job) => {
  run(job).then(
    (result) => parentPort?.postMessage(result),
    (e: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        verdict: "error",
        message: `grading failed: ${String(e)}`,
      }),
  );
});
parentPort?.postMessage({ ready: true });
