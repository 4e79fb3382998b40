import { z } from 'zod';

/**
 * The console's runtime configuration: one small script next to its index.html (`config.js`),
 * loaded before the app, so the SAME build runs on the local cloud and on CloudBase static hosting.
 * The deploy writes it with the environment's HTTP access origin; the local cloud serves it with
 * its own origin. (A script rather than a fetched JSON: it is there before the first call, with no
 * extra round trip in the app's start-up path.)
 */
export const CONSOLE_CONFIG_FILE = 'config.js';
export const CONSOLE_CONFIG_GLOBAL = 'ANXUE_CONSOLE_CONFIG';
/** Where the functions' HTTP access paths live: `/fn/<function>` (CloudBase and the local cloud alike). */
export const HTTP_ACCESS_PREFIX = '/fn';
/**
 * The functions the console calls (admin/src `call('<fn>', …)`; a test keeps this list complete).
 * The deploy gives exactly these an HTTP access path — the others stay reachable only through
 * callFunction (mini-program, timers) and the management API (the deploy's bootstrap).
 */
export const CONSOLE_FUNCTIONS = ['identity', 'org', 'imports', 'files', 'learning', 'exam', 'oversight'] as const;
export const httpAccessPath = (fn: string): string => `${HTTP_ACCESS_PREFIX}/${fn}`;

export const consoleConfigSchema = z.object({
  /**
   * Base URL of the functions' HTTP access paths: the console POSTs to `<functionsUrl>/<function>`
   * (e.g. `https://<envId>-<appid>.service.tcloudbase.com/fn` or `https://api.example.cn/fn`).
   * Absolute http(s) URL or a path on the console's own origin; no trailing slash.
   */
  functionsUrl: z
    .string()
    .min(1)
    .max(300)
    .regex(/^(https?:\/\/[^\s/?#]+)?\/[^\s?#]*[^/\s?#]$|^https?:\/\/[^\s/?#]+$/, 'functionsUrl 应为 http(s) 地址或以 / 开头的路径，且不以 / 结尾'),
});
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

/** The text of `config.js` for a configuration (validated: a deploy with a bad URL fails here). */
export function consoleConfigScript(cfg: ConsoleConfig): string {
  const valid = consoleConfigSchema.parse(cfg);
  return `window.${CONSOLE_CONFIG_GLOBAL} = ${JSON.stringify(valid)};\n`;
}
