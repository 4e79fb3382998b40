// Jest transformer: TypeScript → CommonJS with esbuild (type checking is `npm run typecheck`'s job).
const { transformSync } = require('esbuild');
const { createHash } = require('crypto');

module.exports = {
  process(src, filename) {
    const out = transformSync(src, {
      loader: filename.endsWith('x') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      jsx: 'automatic',
    });
    return { code: out.code };
  },
  getCacheKey(src, filename) {
    return createHash('sha1').update(src).update(filename).update('esbuild-v1').digest('hex');
  },
};
