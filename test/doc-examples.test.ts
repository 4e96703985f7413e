// Runs every `@example` in src/*.ts and checks its `// returns …`, and checks each export's doc layout.
import { join } from "node:path";
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
