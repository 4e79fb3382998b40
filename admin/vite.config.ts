import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web console. Built from the repo root with `vite build --config admin/vite.config.ts`
 * (root is pinned to this folder, so the working directory does not matter).
 * No React plugin: Vite 8 transforms TSX with oxc; we only pick the automatic JSX runtime.
 */
/** zod re-exports ~40 locales through `z.locales`; keep only Chinese (see shared/zodLocalesStub.ts). */
const slimZodLocales = {
  name: 'slim-zod-locales',
  enforce: 'pre' as const,
  resolveId(source: string, importer?: string) {
    return /locales\/index\.js$/.test(source) && importer?.includes('/node_modules/zod/') ? here('../shared/zodLocalesStub.ts') : null;
  },
};

export default defineConfig({
  root: here('.'),
  plugins: [slimZodLocales],
  base: '/admin/',
  resolve: {
    alias: { '@shared': here('../shared') },
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: here('../dist/admin'),
    emptyOutDir: true,
    target: 'es2020',
    // antd's table/cascader chunk is legitimately large; warn only well above it.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // antd ships "use client" in every module; meaningless in a SPA bundle, and it floods the log.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        // React changes far less often than our code: its own long-cacheable chunk.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 10 }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
