/**
 * End-to-end harness: the real local cloud (built bundles, local database, seeded demo data) on a
 * random port with a throwaway DATA_DIR, and Debian's Chromium driven by playwright-core.
 * Journeys are written against pages, not internals, so a WeChat DevTools-backed driver could reuse them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../scripts/localcloud/server';
import { seedDemoData } from '../scripts/seed';
import type { BootstrapSummary } from '../scripts/deploy/bootstrapClient';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(__dirname, 'artifacts');

export interface E2E {
  cloud: LocalCloud;
  /** What the bootstrap answered (the first sysadmin's one-time password, as `npm start` prints it). */
  bootstrap: BootstrapSummary;
  browser: Browser;
  /** A fresh browser profile = a fresh simulated WeChat user. */
  mobile(): Promise<{ context: BrowserContext; page: Page }>;
  desktop(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `demo: false` — a fresh environment as `DEMO=0 npm start` makes it (bootstrap only, no demo seed). */
export async function startE2E(opts: { demo?: boolean } = {}): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxue-e2e-'));
  const cloud = await startLocalCloud({ port: 0, dataDir, timers: false, log: () => undefined });
  const bootstrap = cloud.bootstrap!;
  Object.assign(process.env, cloud.sdkEnv('seed'));
  if (opts.demo !== false) await seedDemoData({ cloudUrl: cloud.url });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    cloud,
    bootstrap,
    browser,
    async mobile() {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      return { context, page: await context.newPage() };
    },
    async desktop() {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/**
 * Calls a function over HTTP as a script would (`POST /api/fn/<name>`), as the simulated WeChat
 * user `openid` when given; answers the `{ ok, data | code }` envelope. For journey set-up only.
 */
export async function callFunction<T = unknown>(
  cloud: LocalCloud,
  fn: string,
  data: Record<string, unknown>,
  opts: { openid?: string } = {},
): Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }> {
  const res = await fetch(`${cloud.url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.openid ? { 'x-local-openid': opts.openid } : {}) },
    body: JSON.stringify(data),
  });
  return (await res.json()) as { ok: true; data: T } | { ok: false; code: string; message: string };
}

/** Like callFunction, but throws on `ok:false` and returns `data`. */
export async function mustCall<T = unknown>(cloud: LocalCloud, fn: string, data: Record<string, unknown>, opts: { openid?: string } = {}): Promise<T> {
  const r = await callFunction<T>(cloud, fn, data, opts);
  if (!r.ok) throw new Error(`${fn}.${String(data.action)} failed: ${r.code} ${r.message}`);
  return r.data;
}

/** The simulated WeChat OPENID the local cloud gave a browser profile (after its first request). */
export async function openIdOf(context: BrowserContext): Promise<string> {
  const c = (await context.cookies()).find((k) => k.name === 'anxue_openid');
  if (!c) throw new Error('no anxue_openid cookie yet: open a page first');
  return c.value;
}
