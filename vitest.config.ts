// Test runner settings: every test file under test/, run in Node, closing with a one-line summary;
// the JupyterLite site is built once per run for the tests that open it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // builds and serves the JupyterLite site once for the browser tests of it
    globalSetup: ["./test/lite-site.setup.ts"],
    testTimeout: 60_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
