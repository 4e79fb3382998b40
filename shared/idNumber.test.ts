import { checkIdNumber, idNumberCheckChar, isValidIdNumber, makeIdNumber, maskIdNumber, normalizeIdNumber } from './idNumber';

describe('resident ID numbers (GB 11643)', () => {
  const valid = makeIdNumber('370481', '19850312', '123');

  it('computes the check character with the standard weights', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X'); // the standard's own example
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber(valid)).toBe(true);
  });

  it('accepts lower-case x, spaces and full-width characters after normalising', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber(' 110105 19491231 002X ')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normalizeIdNumber('１２３　ｘ')).toBe('123X');
  });

  it('rejects wrong lengths, letters and a leading zero as format errors', () => {
    for (const bad of ['', '12345', valid.slice(0, 17), valid + '1', '01010519491231002X', '1101051949123100AX']) {
      expect(checkIdNumber(bad)).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('rejects impossible and future birth dates', () => {
    expect(checkIdNumber(makeIdNumber('370481', '19850230', '123'))).toEqual({ ok: false, problem: 'birthDate' });
    expect(checkIdNumber(makeIdNumber('370481', '19851301', '123'))).toEqual({ ok: false, problem: 'birthDate' });
    expect(checkIdNumber(makeIdNumber('370481', '18991231', '123'))).toEqual({ ok: false, problem: 'birthDate' });
    expect(checkIdNumber(makeIdNumber('370481', '20990101', '123'), new Date('2026-11-23'))).toEqual({ ok: false, problem: 'birthDate' });
    expect(checkIdNumber(makeIdNumber('370481', '20000229', '123')).ok).toBe(true); // leap day
    expect(checkIdNumber(makeIdNumber('370481', '19000229', '123'))).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('rejects a wrong check character', () => {
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    expect(checkIdNumber(wrong)).toEqual({ ok: false, problem: 'checksum' });
  });

  it('masks all but the region prefix and the last four', () => {
    expect(maskIdNumber('37048119850312123X')).toBe('3704**********123X');
  });
});
