/**
 * 逢查必考 QR text: what the console draws for a spot exam's code and what the mini-program's scanner
 * reads back. One place, so the console's list (which knows only the code) and createSpotExam's
 * `qrText` agree. Codes: 6 characters of the certificate alphabet (no 0/O, 1/I/L look-alikes),
 * unique while their exam is open (the function holds a `spotCode:<code>` lock).
 */
import { CERT_CODE_ALPHABET } from '../learning/leaderboard';

export const SPOT_QR_PREFIX = 'anxue:spot:';
export const SPOT_CODE_LENGTH = 6;
const CODE = /^[0-9A-Z]{6}$/;

/** A new code; `pick(n)` answers an integer in [0, n) (crypto.randomInt in the function, a seeded stream in tests). */
export function spotCode(pick: (n: number) => number): string {
  let out = '';
  for (let i = 0; i < SPOT_CODE_LENGTH; i++) out += CERT_CODE_ALPHABET[pick(CERT_CODE_ALPHABET.length)];
  return out;
}

export const spotQrText = (code: string): string => `${SPOT_QR_PREFIX}${code}`;

/** The code in a scanned text (`anxue:spot:K7M2QX`, or a bare code typed in, any case, spaces ignored), or null. */
export function spotCodeFromScan(text: string): string | null {
  const t = text.trim();
  const raw = t.toLowerCase().startsWith(SPOT_QR_PREFIX) ? t.slice(SPOT_QR_PREFIX.length) : t;
  const code = raw.replace(/\s+/g, '').toUpperCase();
  return CODE.test(code) ? code : null;
}
