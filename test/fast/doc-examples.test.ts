// Runs every `@example` in src/fast/*.ts and checks its `// returns …`, and checks each export's doc layout.
import { join } from "node:path";
import * as checks from "../../src/fast/checks.js";
import * as fast from "../../src/fast/index.js";
import * as mask from "../../src/fast/mask.js";
import { describeDocComments } from "../doc-comments.js";

describeDocComments(
  "src/fast",
  join(import.meta.dirname, "..", "..", "src", "fast"),
  fast,
  {
    ...checks,
    ...mask,
    ...fast,
  },
  ["function", "class", "const"],
);
