import { buildFunctions } from './build-functions';
import { CloudbaseRc, generateConfig } from './deploy';

describe('deploy configuration (generated and validated offline)', () => {
  beforeAll(() => buildFunctions(), 60_000);

  it('lists every function with runtime, secrets and its timer trigger, and every index', () => {
    const { rc, indexes } = generateConfig('anxue-test-1a2b', { ANXUE_HASH_KEY: 'h', ANXUE_ENC_KEY: 'e', ANXUE_SESSION_KEY: 's' });
    expect(rc.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['identity', 'org', 'stats']));
    const stats = rc.functions.find((f) => f.name === 'stats')!;
    expect(stats.triggers).toEqual([{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }]);
    expect(rc.functions.every((f) => f.envVariables.ANXUE_SESSION_KEY === 's')).toBe(true);
    expect(indexes.find((i) => i.collection === 'enterprises' && i.name === 'county_name')?.keys).toEqual([
      { name: 'countyCode', direction: '1' },
      { name: 'name', direction: '1' },
    ]);
  });

  it('rejects an invalid trigger', () => {
    const { rc } = generateConfig('env', {});
    const bad = { ...rc, functions: [{ ...rc.functions[0], triggers: [{ name: 't', type: 'timer', config: '0 0 25 * * * *' }] }] };
    expect(CloudbaseRc.safeParse(bad).success).toBe(false);
  });
});
