// Runs every `@example` in fast/*.ts and checks its `// returns …` or `// throws "…"`, and checks each export's doc layout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as build from "../../fast/build-wasm.js";
import * as checks from "../../fast/checks.js";
import * as fast from "../../fast/index.js";
import * as mask from "../../fast/mask.js";
import * as selfAttention from "../../fast/self-attention.js";
import * as wasm from "../../fast/wasm.js";
import { describeDocComments } from "../doc-comments.js";

describeDocComments(
  "fast",
  join(import.meta.dirname, "..", "..", "fast"),
  fast,
  {
    readFileSync,
    ...build,
    ...checks,
    ...mask,
    ...selfAttention,
    ...wasm,
    ...fast,
  },
  ["function", "class", "const"],
  false,
);
