/**
 * Leaderboards and certificates: the pure parts (ranks, short codes). Names are masked by
 * courseCenter.ts's maskPersonName.
 */

/**
 * Competition ranks ("1224"): equal values share a rank, the next one skips. `values` must be
 * sorted descending (as the query returns them).
 */
export function competitionRanks(values: readonly number[]): number[] {
  const ranks: number[] = [];
  values.forEach((v, i) => ranks.push(i > 0 && v === values[i - 1] ? ranks[i - 1] : i + 1));
  return ranks;
}

/** Short codes of 学时证明: 8 characters without look-alikes (no 0/O, 1/I/L). */
export const CERT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CERT_CODE_LENGTH = 8;

/** A code from random bytes (one byte per character; rejection keeps the distribution uniform). */
export function certCodeFrom(bytes: Uint8Array): string | null {
  const n = CERT_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    out += CERT_CODE_ALPHABET[b % n];
    if (out.length === CERT_CODE_LENGTH) return out;
  }
  return null;
}
