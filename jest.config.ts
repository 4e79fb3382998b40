import type { Config } from 'jest';

// TypeScript is only transpiled here (esbuild, fast on 2 cores); `npm run typecheck` is the type gate.
const transform = { '^.+\\.tsx?$': '<rootDir>/scripts/jest/esbuild-transform.js' };

// Jest's own module loader cannot load zod's ESM locale files; map them to their CommonJS twins.
const moduleNameMapper = { '^zod/v4/locales/(.*)\\.js$': 'zod/v4/locales/$1.cjs' };

const config: Config = {
  // Tests wait on data, never on time; this only stops a hang (a loaded 2-core CI hashes 100 passwords slowly).
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/{shared,cloudfunctions,scripts}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
    },
  ],
};

export default config;
