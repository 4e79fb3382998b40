import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { cronMatches, parseCron, type Cron } from './cron';
import type { FunctionHost } from './functionHost';

interface TimerTrigger {
  fn: string;
  name: string;
  cron: Cron;
}

/** Reads each function's config.json triggers (CloudBase format) and fires them on schedule. */
export function loadTimerTriggers(functionsDir: string, names: string[]): TimerTrigger[] {
  const out: TimerTrigger[] = [];
  for (const fn of names) {
    const file = join(functionsDir, fn, 'config.json');
    if (!existsSync(file)) continue;
    const cfg = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: { name: string; type: string; config: string }[] };
    for (const t of cfg.triggers ?? []) if (t.type === 'timer') out.push({ fn, name: t.name, cron: parseCron(t.config) });
  }
  return out;
}

export function startTimers(host: FunctionHost, triggers: TimerTrigger[], log: (m: string) => void): () => void {
  let last = Math.floor(Date.now() / 1000);
  const tick = setInterval(() => {
    const nowSec = Math.floor(Date.now() / 1000);
    // Walk every second since the last tick so a busy event loop does not skip a trigger.
    for (let s = last + 1; s <= nowSec; s++) {
      const at = new Date(s * 1000);
      for (const t of triggers) {
        if (!cronMatches(t.cron, at)) continue;
        const event = { Type: 'Timer', TriggerName: t.name, Time: at.toISOString(), Message: '' };
        host.invoke(t.fn, { event, wx: { SOURCE: 'wx_trigger' }, timer: true }).then(
          (r) => log(`timer ${t.fn}.${t.name} → ${JSON.stringify(r.result).slice(0, 200)}`),
          (e) => log(`timer ${t.fn}.${t.name} failed: ${(e as Error).message}`),
        );
      }
    }
    last = nowSec;
  }, 1000);
  tick.unref();
  return () => clearInterval(tick);
}
