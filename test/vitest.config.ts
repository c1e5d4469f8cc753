import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The config lives in test/ to keep the top level to what the project needs; the root is the checkout.
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start real brokers and pseudo-terminals; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
