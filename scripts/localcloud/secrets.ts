import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * The local cloud's stand-in for CloudBase function environment variables holding secrets:
 * generated once per DATA_DIR (so data encrypted with them stays readable across restarts).
 */
export type Secrets = Record<'ANXUE_HASH_KEY' | 'ANXUE_ENC_KEY' | 'ANXUE_SESSION_KEY', string>;

export function loadOrCreateSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const s: Secrets = {
    ANXUE_HASH_KEY: randomBytes(32).toString('hex'),
    ANXUE_ENC_KEY: randomBytes(32).toString('hex'),
    ANXUE_SESSION_KEY: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}
