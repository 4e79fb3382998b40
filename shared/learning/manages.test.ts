import { manages, type Managed } from './manages';

const byRegulator = (regionCode: string, industries: string[] = []): Managed => ({ publisher: { role: 'regulator', regionCode }, pushRule: { industries: industries as never } });
const byEnterprise = (enterpriseId: string): Managed => ({ publisher: { role: 'enterpriseAdmin', enterpriseId }, pushRule: { industries: [] } });

describe('who manages a published course or exam', () => {
  it('the sysadmin all; an enterprise admin only its enterprise’s', () => {
    expect(manages({ role: 'sysadmin' }, byRegulator('370481'))).toBe(true);
    expect(manages({ role: 'enterpriseAdmin', enterpriseId: 'e1' }, byEnterprise('e1'))).toBe(true);
    expect(manages({ role: 'enterpriseAdmin', enterpriseId: 'e1' }, byEnterprise('e2'))).toBe(false);
    expect(manages({ role: 'enterpriseAdmin', enterpriseId: 'e1' }, byRegulator('370481'))).toBe(false);
  });
  it('a regulator what regulators of its subtree published, not its parents’', () => {
    expect(manages({ role: 'regulator', regionCode: '3704' }, byRegulator('370481'))).toBe(true);
    expect(manages({ role: 'regulator', regionCode: '370481' }, byRegulator('370481'))).toBe(true);
    expect(manages({ role: 'regulator', regionCode: '370481' }, byRegulator('37'))).toBe(false);
    expect(manages({ role: 'regulator', regionCode: '370481' }, byEnterprise('e1'))).toBe(false);
    expect(manages({ role: 'regulator' }, byRegulator('370481'))).toBe(false);
  });
  it('an industry-limited regulator only rules that stay inside its industries', () => {
    const p = { role: 'regulator', regionCode: '3704', industries: ['mining'] };
    expect(manages(p, byRegulator('370481', ['mining']))).toBe(true);
    expect(manages(p, byRegulator('370481', ['mining', 'chemicals']))).toBe(false);
    expect(manages(p, byRegulator('370481'))).toBe(false);
  });
});
