import { CERT_CODE_ALPHABET, certCodeFrom, competitionRanks } from './leaderboard';

describe('competitionRanks', () => {
  it('equal values share a rank and the next one skips', () => {
    expect(competitionRanks([900, 600, 600, 300])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([])).toEqual([]);
  });
});

describe('certCodeFrom', () => {
  it('makes 8 characters of the alphabet, skipping biased bytes', () => {
    const code = certCodeFrom(Uint8Array.from([0, 1, 2, 3, 255, 4, 5, 6, 7]));
    expect(code).toBe(CERT_CODE_ALPHABET.slice(0, 8));
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(code).not.toMatch(/[01OIL]/);
  });
  it('answers null when the bytes run out', () => {
    expect(certCodeFrom(Uint8Array.from([255, 255, 1]))).toBeNull();
  });
});
