import { CERT_CODE_ALPHABET } from '../learning/leaderboard';
import { rngFromString } from '../random';
import { spotCode, spotCodeFromScan, spotQrText } from './spot';

describe('逢查必考 QR text', () => {
  it('round-trips a code', () => {
    expect(spotQrText('K7M2QX')).toBe('anxue:spot:K7M2QX');
    expect(spotCodeFromScan(spotQrText('K7M2QX'))).toBe('K7M2QX');
    expect(spotCodeFromScan('ANXUE:SPOT:k7m2qx')).toBe('K7M2QX');
  });
  it('takes a typed code in any case and refuses anything else', () => {
    expect(spotCodeFromScan(' k7m2qx ')).toBe('K7M2QX');
    expect(spotCodeFromScan(' k7m 2qx ')).toBe('K7M2QX');
    expect(spotCodeFromScan('anxue:spot:K7M2')).toBeNull();
    expect(spotCodeFromScan('https://example.com/?code=K7M2QX')).toBeNull();
    expect(spotCodeFromScan('')).toBeNull();
  });
});

describe('逢查必考 codes', () => {
  it('6 characters of the look-alike-free alphabet, from the stream given', () => {
    const r = rngFromString('seed');
    const pick = (n: number) => Math.floor(r.next() * n);
    const codes = Array.from({ length: 200 }, () => spotCode(pick));
    for (const c of codes) expect(c).toMatch(new RegExp(`^[${CERT_CODE_ALPHABET}]{6}$`));
    expect(new Set(codes).size).toBeGreaterThan(195);
    expect(spotCode(() => 0)).toBe('222222');
  });
});
