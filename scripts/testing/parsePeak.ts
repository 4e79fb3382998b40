/**
 * Parses one import file in a fresh process and prints how long it took and how much the process's
 * peak memory grew: `tsx scripts/testing/parsePeak.ts <file.xlsx>` → {"ms":…,"peakMB":…,"ok":…,"code":…}.
 */
import { readFileSync } from 'fs';
import { parseStaffFile } from '../../shared/staffImport';

const bytes = new Uint8Array(readFileSync(process.argv[2]));
const base = process.resourceUsage().maxRSS;
const started = Date.now();
const r = parseStaffFile(bytes);
process.stdout.write(
  JSON.stringify({
    ms: Date.now() - started,
    peakMB: Math.round((process.resourceUsage().maxRSS - base) / 1024),
    ok: r.ok,
    code: r.ok ? undefined : r.code,
  }),
);
