import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { z } from 'zod';

/**
 * Proof that a call comes from whoever deploys the environment (the bootstrap): an HMAC-SHA256 over
 * the function, action, a timestamp and a random nonce, keyed with ANXUE_BOOTSTRAP_KEY — a function
 * environment variable that only the deployer knows. Valid for PROOF_TTL_MS either side of the
 * function's clock; the router stores each nonce under a deterministic `_id`, so a proof works once.
 */
export const PROOF_TTL_MS = 5 * 60 * 1000;
export const BOOTSTRAP_KEY_ENV = 'ANXUE_BOOTSTRAP_KEY';

export const DeployProof = z.object({
  ts: z.number().int().positive(),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  sig: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DeployProof = z.infer<typeof DeployProof>;

const payload = (fn: string, action: string, ts: number, nonce: string) => `anxue-deploy.v1\n${fn}\n${action}\n${ts}\n${nonce}`;

export function signDeployProof(key: string, fn: string, action: string, nowMs = Date.now(), nonce = randomBytes(16).toString('hex')): DeployProof {
  const sig = createHmac('sha256', Buffer.from(key, 'hex')).update(payload(fn, action, nowMs, nonce)).digest('hex');
  return { ts: nowMs, nonce, sig };
}

export type ProofCheck = { ok: true; proof: DeployProof } | { ok: false; reason: 'malformed' | 'noKey' | 'expired' | 'badSignature' };

/** Checks shape, clock window and signature (not the nonce's single use: that needs the database). */
export function checkDeployProof(raw: unknown, key: string | undefined, fn: string, action: string, nowMs: number): ProofCheck {
  if (!key || !/^[0-9a-f]{64,}$/i.test(key)) return { ok: false, reason: 'noKey' };
  const parsed = DeployProof.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const p = parsed.data;
  if (Math.abs(nowMs - p.ts) > PROOF_TTL_MS) return { ok: false, reason: 'expired' };
  const want = createHmac('sha256', Buffer.from(key, 'hex')).update(payload(fn, action, p.ts, p.nonce)).digest();
  if (!timingSafeEqual(want, Buffer.from(p.sig, 'hex'))) return { ok: false, reason: 'badSignature' };
  return { ok: true, proof: p };
}

/** The deterministic `_id` of a used nonce (in `locks`): a second insert of it fails. */
export const nonceLockId = (nonce: string): string => `deployNonce:${nonce}`;
