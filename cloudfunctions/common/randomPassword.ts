import { randomInt } from 'crypto';
import { isStrongPassword } from '../../shared/password';

// No look-alikes (0/O, 1/l/I) so a password read off a screen is typed right the first time.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** A one-time initial password (12 characters, letters and digits) that satisfies the strength rule. */
export function randomInitialPassword(length = 12): string {
  for (;;) {
    let pw = '';
    for (let i = 0; i < length; i++) {
      const set = i % 3 === 2 ? DIGITS : LETTERS;
      pw += set[randomInt(set.length)];
    }
    if (isStrongPassword(pw)) return pw;
  }
}
