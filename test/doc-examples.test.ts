// Runs every `@example` in src/*.ts and checks its `// returns …`, and checks each export's doc layout.
import { join } from "node:path";
import * as pictures from "../course/pictures.js";
import * as random from "../course/random.js";
import * as timing from "../course/timing.js";
import * as library from "../src/index.js";
import * as messages from "../src/messages.js";
import * as options from "../src/options.js";
import * as projection from "../src/projection.js";
import * as shape from "../src/shape.js";
import * as workedExample from "../src/worked-example.js";
import { describeDocComments } from "./doc-comments.js";

describeDocComments("src", join(import.meta.dirname, "..", "src"), library, {
  ...shape,
  ...messages,
  ...options,
  ...projection,
  ...workedExample,
  ...library,
});

// The course's pictures, timing and random numbers: every example runs.
const course = { ...pictures, ...random, ...timing };
describeDocComments(
  "course",
  join(import.meta.dirname, "..", "course"),
  course,
  course,
  ["function", "class"],
  false,
  ["pictures.ts", "random.ts", "timing.ts"],
);
