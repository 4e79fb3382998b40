/**
 * Bundles each cloud function with esbuild into dist/cloudfunctions/<name>/ (index.js +
 * package.json + config.json), the folder project.config.json's cloudfunctionRoot points at.
 * wx-server-sdk stays external: CloudBase installs it from the function's package.json. So does
 * the @cloudbase/node-sdk it depends on (pinned by wx-server-sdk), which common/storage.ts asks for
 * upload tickets (wx-server-sdk does not expose storage.getUploadMetadata).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { FUNCTIONS_DIST, FUNCTIONS_SRC, ROOT, functionNames } from './paths';

/**
 * CloudBase's function runtime is Node 16.13 (scripts/node16.ts runs the bundles there in the tests):
 * esbuild lowers newer syntax for it and refuses what it cannot lower.
 */
export const FUNCTION_TARGET = 'node16.13';

const SDK_PKG = JSON.parse(readFileSync(join(ROOT, 'node_modules/wx-server-sdk/package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const SDK_VERSION = SDK_PKG.version;
const NODE_SDK_VERSION = SDK_PKG.dependencies['@cloudbase/node-sdk'];

/** zod re-exports every locale via `z.locales`; keep only the one we use (see shared/zodLocalesStub.ts). */
const ZOD_LOCALES_STUB = join(ROOT, 'shared', 'zodLocalesStub.ts');
export const slimZodLocales: Plugin = {
  name: 'slim-zod-locales',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: ZOD_LOCALES_STUB } : undefined,
    );
  },
};

/** esbuild options for one function's bundle (exported so the Node 16 test checks the real settings). */
export function functionBuildOptions(name: string): BuildOptions {
  return {
    entryPoints: [join(FUNCTIONS_SRC, name, 'index.ts')],
    outfile: join(FUNCTIONS_DIST, name, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: FUNCTION_TARGET,
    external: ['wx-server-sdk', '@cloudbase/node-sdk'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    plugins: [slimZodLocales],
    logLevel: 'warning',
  };
}

export async function buildFunctions(names = functionNames()): Promise<void> {
  await Promise.all(
    names.map(async (name) => {
      const out = join(FUNCTIONS_DIST, name);
      mkdirSync(out, { recursive: true });
      await build(functionBuildOptions(name));
      writeFileSync(
        join(out, 'package.json'),
        JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION, '@cloudbase/node-sdk': NODE_SDK_VERSION } }, null, 2) + '\n',
      );
      const config = join(FUNCTIONS_SRC, name, 'config.json');
      if (existsSync(config)) copyFileSync(config, join(out, 'config.json'));
    }),
  );
}

if (require.main === module) {
  const t0 = Date.now();
  buildFunctions().then(
    () => console.log(`cloud functions built (${functionNames().join(', ')}) in ${Date.now() - t0} ms → dist/cloudfunctions`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
