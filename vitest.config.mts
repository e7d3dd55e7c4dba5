import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Forks give each test file its own process, which native Temporal workers and dev servers need.
    pool: 'forks',
    testTimeout: 60_000,
    // Starting a dev server or bundling workflows happens in hooks and can take longer than a test.
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        // Every test outside test/unit may start a Temporal dev server, so the CLI is provisioned first.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-runtime.ts'],
        },
      },
    ],
  },
});
