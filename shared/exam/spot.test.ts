import { spotCodeFromScan, spotQrText } from './spot';

describe('逢查必考 QR text', () => {
  it('round-trips a code', () => {
    expect(spotQrText('K7M2QX')).toBe('anxue:spot:K7M2QX');
    expect(spotCodeFromScan(spotQrText('K7M2QX'))).toBe('K7M2QX');
  });
  it('takes a typed code in any case and refuses anything else', () => {
    expect(spotCodeFromScan(' k7m2qx ')).toBe('K7M2QX');
    expect(spotCodeFromScan('anxue:spot:K7M2')).toBeNull();
    expect(spotCodeFromScan('https://example.com/?code=K7M2QX')).toBeNull();
    expect(spotCodeFromScan('')).toBeNull();
  });
});
