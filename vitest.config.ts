// Test runner settings: every test file under test/, run in Node, closing with a one-line summary.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
