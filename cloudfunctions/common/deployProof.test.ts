import { checkDeployProof, PROOF_TTL_MS, signDeployProof } from './deployProof';

const KEY = 'ab'.repeat(32);
const T = Date.UTC(2026, 0, 1);

describe('deploy proof (HMAC over function, action, time and nonce)', () => {
  it('accepts a fresh proof for the same function and action', () => {
    expect(checkDeployProof(signDeployProof(KEY, 'stats', 'bootstrap', T), KEY, 'stats', 'bootstrap', T + 1000)).toMatchObject({ ok: true });
  });
  it('refuses another key, another action, a stale or future time, a malformed proof, and a function without a key', () => {
    const p = signDeployProof(KEY, 'stats', 'bootstrap', T);
    expect(checkDeployProof(p, 'cd'.repeat(32), 'stats', 'bootstrap', T)).toEqual({ ok: false, reason: 'badSignature' });
    expect(checkDeployProof(p, KEY, 'stats', 'nightly', T)).toEqual({ ok: false, reason: 'badSignature' });
    expect(checkDeployProof(p, KEY, 'stats', 'bootstrap', T + PROOF_TTL_MS + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkDeployProof(p, KEY, 'stats', 'bootstrap', T - PROOF_TTL_MS - 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkDeployProof({ ...p, sig: p.sig.slice(0, 10) }, KEY, 'stats', 'bootstrap', T)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkDeployProof(p, undefined, 'stats', 'bootstrap', T)).toEqual({ ok: false, reason: 'noKey' });
  });
});
