import { checkCreditCode, creditCodeCheckChar, makeCreditCode, normalizeCreditCode } from './creditCode';

describe('unified social credit codes (GB 32100)', () => {
  it('validates real published codes', () => {
    // Printed on a public licence (Tencent's Shenzhen entity).
    expect(checkCreditCode('9144030071526726XG').ok).toBe(true);
  });

  it('builds codes whose check character verifies', () => {
    const code = makeCreditCode('370481', 'MA3C4D5E6');
    expect(code).toHaveLength(18);
    expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(normalizeCreditCode(' 9144 0300 7152 6726xg ')).toBe('9144030071526726XG');
    expect(checkCreditCode('９１４４０３００７１５２６７２６ＸＧ').ok).toBe(true);
  });

  it('rejects letters outside the alphabet (I O Z S V), bad lengths and non-digit regions', () => {
    for (const bad of ['', '91440300715267', '9144030071526726XGX', '9144030071526726IG', '91440300715267O6XG', '91ABCDEF71526726XG', '9144030071526726SG']) {
      expect(checkCreditCode(bad)).toMatchObject({ ok: false, problem: 'format' });
    }
  });

  it('reports a wrong check character separately (admins may confirm a misprinted licence)', () => {
    expect(checkCreditCode('9144030071526726XA')).toMatchObject({ ok: false, problem: 'checksum' });
  });
});
