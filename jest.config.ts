import type { Config } from 'jest';

// TypeScript is only transpiled here (esbuild, fast on 2 cores); `npm run typecheck` is the type gate.
const transform = { '^.+\\.tsx?$': '<rootDir>/scripts/jest/esbuild-transform.js' };

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/{shared,cloudfunctions,scripts}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
    },
  ],
};

export default config;
