import { meetsTrainerRule, trainerRule } from './trainers';

describe('trainerRule (内训师 配备比例)', () => {
  const risky = { industry: 'hazardousChemicals', scale: 'below' } as const;
  const above = { industry: 'machinery', scale: 'above' } as const;
  const small = { industry: 'machinery', scale: 'below' } as const;

  it('high-risk: 5‰ rounded up, never fewer than 3', () => {
    expect(trainerRule(risky, 0).required).toBe(3);
    expect(trainerRule(risky, 10).required).toBe(3);
    expect(trainerRule(risky, 600).required).toBe(3);
    expect(trainerRule(risky, 601).required).toBe(4);
    expect(trainerRule(risky, 1000).required).toBe(5);
    expect(trainerRule(risky, 1001).required).toBe(6);
  });
  it('other 规模以上: 3‰ rounded up, no minimum', () => {
    expect(trainerRule(above, 0).required).toBe(0);
    expect(trainerRule(above, 1).required).toBe(1);
    expect(trainerRule(above, 333).required).toBe(1);
    expect(trainerRule(above, 334).required).toBe(2);
    expect(trainerRule(above, 1000).required).toBe(3);
  });
  it('规模以下 outside the high-risk industries: no requirement', () => {
    expect(trainerRule(small, 5000)).toEqual({ required: 0, rule: expect.stringContaining('无') });
  });
  it('meets at exactly the requirement', () => {
    expect(meetsTrainerRule(risky, 1000, 5)).toBe(true);
    expect(meetsTrainerRule(risky, 1000, 4)).toBe(false);
    expect(meetsTrainerRule(small, 1000, 0)).toBe(true);
  });
});
