// Lint settings: ESLint's and typescript-eslint's recommended rules for every TypeScript file.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".venv/",
      "dist/",
      "artifacts/",
      "notebooks/",
      ".jupyter/",
      "site/",
      "lite/extension/lib/",
      "course/exercises.generated.ts",
      "fast/wasm/*.as.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
);
