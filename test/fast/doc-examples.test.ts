// Runs every `@example` in fast/*.ts and checks its `// returns …` or `// throws "…"`, and checks each export's doc layout.
import { readFileSync } from "node:fs";
import * as fast from "../../fast/index.js";
import { describeDocComments, scopeOf } from "../doc-comments.js";

describeDocComments("fast", fast, await scopeOf("fast/", { readFileSync }), [
  "function",
  "class",
  "const",
]);
