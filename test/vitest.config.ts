import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start real brokers and pseudo-terminals; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
