import { existsSync, readdirSync } from 'fs';
import { join, resolve } from 'path';

/** Repo layout, in one place for every script. */
export const ROOT = resolve(__dirname, '..');
export const DIST = join(ROOT, 'dist');
export const FUNCTIONS_SRC = join(ROOT, 'cloudfunctions');
export const FUNCTIONS_DIST = join(DIST, 'cloudfunctions');
export const H5_DIST = join(DIST, 'h5');
export const ADMIN_DIST = join(DIST, 'admin');
export const WEAPP_DIST = join(DIST, 'miniprogram');

/** Every folder of cloudfunctions/ with an index.ts is a function (common/ is the shared runtime). */
export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'common' && existsSync(join(FUNCTIONS_SRC, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}
