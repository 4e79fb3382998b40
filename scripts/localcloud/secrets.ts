import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * The local cloud's stand-in for CloudBase function environment variables holding secrets:
 * generated once per DATA_DIR (so data encrypted with them stays readable across restarts).
 */
export type Secrets = Record<'ANXUE_HASH_KEY' | 'ANXUE_ENC_KEY' | 'ANXUE_SESSION_KEY' | 'ANXUE_BOOTSTRAP_KEY', string>;
const NAMES = ['ANXUE_HASH_KEY', 'ANXUE_ENC_KEY', 'ANXUE_SESSION_KEY', 'ANXUE_BOOTSTRAP_KEY'] as const;

export function loadOrCreateSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const s = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<Secrets>;
  // A data folder from before a secret existed gets it added; existing ones never change.
  const missing = NAMES.filter((n) => !s[n]);
  for (const n of missing) s[n] = randomBytes(32).toString('hex');
  if (missing.length) writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s as Secrets;
}
