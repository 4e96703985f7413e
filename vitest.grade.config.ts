// The grading run (`npm run grade`): the learner's notebooks, checked by grader/notebooks.grade.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["grader/notebooks.grade.ts"],
    reporters: ["./grader/reporter.ts"],
    testTimeout: 600_000,
    // every exercise is a test; a notebook's tests wait together for its one run
    maxConcurrency: 1000,
    // one fork: it keeps a warm TypeScript compiler and changes directory while compiling
    pool: "forks",
    fileParallelism: false,
    hookTimeout: 600_000,
  },
});
