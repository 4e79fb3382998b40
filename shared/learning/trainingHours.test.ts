import { hoursGap, hoursKindForYear, hoursRequirement, splitHours } from './trainingHours';

describe('training hours (3号令)', () => {
  it('principal persons and safety managers: 32 h initial (16 + 16), 12 h annual (8 + 4), as seed 003 shows', () => {
    for (const post of ['principal', 'safetyManager', 'safetyDirector'] as const) {
      expect(hoursRequirement(post, 'machinery', 'initial')).toEqual({ kind: 'initial', total: 32, online: 16, offline: 16 });
      expect(hoursRequirement(post, 'machinery', 'annual')).toEqual({ kind: 'annual', total: 12, online: 8, offline: 4 });
    }
  });
  it('high-risk industries: 48 / 16 for managers, 72 / 20 for workers', () => {
    expect(hoursRequirement('principal', 'hazardousChemicals', 'initial').total).toBe(48);
    expect(hoursRequirement('safetyManager', 'nonCoalMine', 'annual').total).toBe(16);
    expect(hoursRequirement('otherWorker', 'fireworks', 'initial').total).toBe(72);
    expect(hoursRequirement('specialOperator', 'metalSmelting', 'annual').total).toBe(20);
  });
  it('other workers: 24 initial, 8 annual; an unknown industry is general', () => {
    expect(hoursRequirement('otherWorker', 'textile', 'initial').total).toBe(24);
    expect(hoursRequirement('teamLeader', null, 'annual').total).toBe(8);
  });
  it('online + offline always adds up to the total', () => {
    for (const t of [8, 12, 16, 20, 24, 32, 48, 72]) for (const k of ['initial', 'annual'] as const) {
      const s = splitHours(k, t);
      expect(s.online + s.offline).toBe(t);
    }
  });
  it('the first year on the post owes the initial hours', () => {
    expect(hoursKindForYear(2026, 2026)).toBe('initial');
    expect(hoursKindForYear(2025, 2026)).toBe('annual');
    expect(hoursKindForYear(null, 2026)).toBe('annual');
  });
  it('gap per part: online time never stands in for offline training', () => {
    const req = hoursRequirement('safetyManager', 'machinery', 'annual');
    expect(hoursGap(req, { onlineSeconds: 20 * 3600, offlineHours: 0 })).toMatchObject({ onlineGap: 0, offlineGap: 4, gap: 4, met: false });
    expect(hoursGap(req, { onlineSeconds: 6 * 3600, offlineHours: 2.5 })).toMatchObject({ onlineHours: 6, onlineGap: 2, offlineGap: 1.5, gap: 3.5, met: false });
    expect(hoursGap(req, { onlineSeconds: 8 * 3600, offlineHours: 4 })).toMatchObject({ gap: 0, met: true });
  });
  it('done hours are cut down, never rounded up to meet the requirement', () => {
    const req = hoursRequirement('safetyManager', 'machinery', 'annual');
    const g = hoursGap(req, { onlineSeconds: 8 * 3600 - 30, offlineHours: 4 });
    expect(g.onlineHours).toBe(7.9);
    expect(g.met).toBe(false);
  });
});
