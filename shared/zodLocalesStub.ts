/**
 * Build-time stand-in for zod's `locales/index.js`, which re-exports ~40 locales (≈260 KB minified)
 * through `z.locales` and so defeats tree-shaking. We only use Chinese (shared/zodLocale.ts imports
 * it directly); the function bundler and the console build alias zod's index to this file.
 */
export { default as zhCN } from 'zod/v4/locales/zh-CN.js';
