import { ANY, ANY_RULE, matchesPushRule, normalizePushRule, pushQueryKeys, pushTargetOf, pushRuleIndex, pushRuleInput, scopePushRule, type PushRule, type PushTarget } from './pushRule';

/** A worker of an enterprise in 滕州市 (枣庄市, 山东省), town level. */
const worker: PushTarget = {
  enterpriseId: 'e1',
  regionCode: '370481001',
  supervisionType: 'emergency',
  industry: 'machinery',
  keyAreas: ['dustExplosion', 'confinedSpace'],
  scale: 'above',
  postCategory: 'safetyManager',
  certificates: ['safetyQualification'],
};
const rule = (r: Partial<PushRule>): PushRule => pushRuleInput.parse(r);

/** For each dimension: a value that matches the worker and one that does not. */
const dims: [keyof PushRule, unknown[], unknown[]][] = [
  ['regionCodes', ['37'], ['3705']],
  ['supervisionTypes', ['emergency'], ['sector']],
  ['industries', ['machinery'], ['textile']],
  ['keyAreas', ['confinedSpace'], ['ammoniaRefrigeration']],
  ['scales', ['above'], ['below']],
  ['postCategories', ['safetyManager'], ['principal']],
  ['certificates', ['safetyQualification'], ['specialOperation']],
  ['enterpriseIds', ['e1'], ['e2']],
];

describe('push rule schema', () => {
  it('every dimension defaults to any', () => {
    expect(pushRuleInput.parse({})).toEqual(ANY_RULE);
    expect(matchesPushRule(pushRuleInput.parse({}), worker)).toBe(true);
  });
  it('refuses unknown codes, malformed regions and unknown dimensions', () => {
    expect(pushRuleInput.safeParse({ industries: ['coal'] }).success).toBe(false);
    expect(pushRuleInput.safeParse({ regionCodes: ['3704811'] }).success).toBe(false);
    expect(pushRuleInput.safeParse({ regionCodes: ['37048'] }).success).toBe(false);
    expect(pushRuleInput.safeParse({ everyone: true }).success).toBe(false);
    expect(pushRuleInput.safeParse({ enterpriseIds: Array.from({ length: 201 }, (_, i) => `e${i}`) }).success).toBe(false);
  });
  it('normalises: sorted, deduplicated, regions inside listed regions dropped', () => {
    expect(normalizePushRule({ regionCodes: ['370481', '3704', '3704', '3705'], industries: ['textile', 'machinery', 'textile'] })).toMatchObject({
      regionCodes: ['3704', '3705'],
      industries: ['machinery', 'textile'],
    });
  });
});

describe('matchesPushRule', () => {
  it.each(dims)('%s: a listed value matches, another does not', (dim, yes, no) => {
    expect(matchesPushRule(rule({ [dim]: yes }), worker)).toBe(true);
    expect(matchesPushRule(rule({ [dim]: no }), worker)).toBe(false);
    expect(matchesPushRule(rule({ [dim]: [...no, ...yes] }), worker)).toBe(true); // OR inside a dimension
  });

  it('dimensions are ANDed: one failing dimension refuses', () => {
    const all = Object.fromEntries(dims.map(([d, yes]) => [d, yes]));
    expect(matchesPushRule(rule(all), worker)).toBe(true);
    for (const [d, , no] of dims) expect(matchesPushRule(rule({ ...all, [d]: no }), worker)).toBe(false);
  });

  it('region subtree at every level: province, city, county, town; not a sibling, not a deeper region', () => {
    for (const code of ['37', '3704', '370481', '370481001']) expect(matchesPushRule(rule({ regionCodes: [code] }), worker)).toBe(true);
    for (const code of ['36', '3706', '370402', '370481002']) expect(matchesPushRule(rule({ regionCodes: [code] }), worker)).toBe(false);
    // A county-level enterprise is not inside one of its towns.
    expect(matchesPushRule(rule({ regionCodes: ['370481001'] }), { ...worker, regionCode: '370481' })).toBe(false);
  });

  it('unknown attributes never match a restricted dimension, but match any', () => {
    const bare: PushTarget = { enterpriseId: 'e9', regionCode: '370481', postCategory: 'otherWorker' };
    expect(matchesPushRule(ANY_RULE, bare)).toBe(true);
    for (const [d, yes] of dims.filter(([d]) => !['regionCodes', 'enterpriseIds', 'postCategories'].includes(d))) {
      expect(matchesPushRule(rule({ [d]: yes }), bare)).toBe(false);
    }
    expect(matchesPushRule(rule({ certificates: ['specialOperation'] }), { ...worker, certificates: [] })).toBe(false);
    expect(matchesPushRule(rule({ keyAreas: ['dustExplosion'] }), { ...worker, keyAreas: null })).toBe(false);
  });
});

describe('index keys (the task-list query without fan-out)', () => {
  /** What the database `in` conditions select: every indexed dimension shares a value with the worker's keys. */
  const selected = (r: PushRule, t: PushTarget) => {
    const idx = pushRuleIndex(r);
    const keys = pushQueryKeys(t);
    return (['region', 'industry', 'post'] as const).every((d) => idx[d].some((v) => keys[d].includes(v)));
  };

  it('open dimensions store the wildcard', () => {
    expect(pushRuleIndex(ANY_RULE)).toEqual({ region: [ANY], industry: [ANY], post: [ANY] });
    expect(pushQueryKeys(worker)).toEqual({ region: [ANY, '37', '3704', '370481', '370481001'], industry: [ANY, 'machinery'], post: [ANY, 'safetyManager'] });
  });

  it('the query never misses a matching course (it may over-select; the matcher finalises)', () => {
    const candidates: PushRule[] = [ANY_RULE];
    for (const [d, yes, no] of dims) candidates.push(rule({ [d]: yes }), rule({ [d]: no }));
    candidates.push(rule({ regionCodes: ['3704'], industries: ['machinery'], postCategories: ['safetyManager', 'principal'] }));
    const others: PushTarget[] = [worker, { ...worker, regionCode: '370402', industry: 'textile' }, { enterpriseId: 'e3', regionCode: '370481', postCategory: 'otherWorker' }];
    for (const t of others)
      for (const r of candidates) {
        if (matchesPushRule(r, t)) expect(selected(r, t)).toBe(true);
      }
    // …and it does narrow: another city's course is not even read.
    expect(selected(rule({ regionCodes: ['3705'] }), worker)).toBe(false);
  });
});

describe('scopePushRule (who may target whom)', () => {
  const zz = { role: 'regulator' as const, regionCode: '3704' };
  it('a regulator: an open region becomes its own; inside its subtree is fine; outside refused', () => {
    expect(scopePushRule(ANY_RULE, zz)).toEqual({ ok: true, rule: { ...ANY_RULE, regionCodes: ['3704'] } });
    expect(scopePushRule(rule({ regionCodes: ['370481'] }), zz)).toMatchObject({ ok: true, rule: { regionCodes: ['370481'] } });
    expect(scopePushRule(rule({ regionCodes: ['37'] }), zz)).toEqual({ ok: false, reason: 'regionOutside' });
    expect(scopePushRule(rule({ regionCodes: ['370481', '3705'] }), zz)).toEqual({ ok: false, reason: 'regionOutside' });
  });
  it('a regulator limited to industries: an open industry dimension becomes its industries; others refused', () => {
    const lim = { ...zz, industries: ['machinery', 'textile'] as const };
    expect(scopePushRule(ANY_RULE, { ...lim, industries: [...lim.industries] })).toMatchObject({ ok: true, rule: { industries: ['machinery', 'textile'] } });
    expect(scopePushRule(rule({ industries: ['textile'] }), { ...lim, industries: [...lim.industries] })).toMatchObject({ ok: true, rule: { industries: ['textile'] } });
    expect(scopePushRule(rule({ industries: ['fireworks'] }), { ...lim, industries: [...lim.industries] })).toEqual({ ok: false, reason: 'industryOutside' });
    // An unlimited regulator (empty list) keeps any industry.
    expect(scopePushRule(ANY_RULE, { ...zz, industries: [] })).toMatchObject({ ok: true, rule: { industries: [] } });
  });
  it('a scoped rule never reaches a worker outside the publisher scope', () => {
    const r = scopePushRule(ANY_RULE, zz);
    if (!r.ok) throw new Error('expected ok');
    expect(matchesPushRule(r.rule, worker)).toBe(true);
    expect(matchesPushRule(r.rule, { ...worker, regionCode: '370102' })).toBe(false);
  });
  it('an enterprise admin reaches its own staff only', () => {
    const admin = { role: 'enterpriseAdmin' as const, enterpriseId: 'e1' };
    expect(scopePushRule(rule({ postCategories: ['principal'] }), admin)).toMatchObject({ ok: true, rule: { enterpriseIds: ['e1'], postCategories: ['principal'] } });
    expect(scopePushRule(rule({ enterpriseIds: ['e2'] }), admin)).toEqual({ ok: false, reason: 'enterpriseOutside' });
    expect(scopePushRule(rule({ enterpriseIds: ['e1', 'e2'] }), admin)).toEqual({ ok: false, reason: 'enterpriseOutside' });
    const ok = scopePushRule(ANY_RULE, admin);
    expect(ok.ok && matchesPushRule(ok.rule, { ...worker, enterpriseId: 'e2' })).toBe(false);
  });
  it('the sysadmin targets anything', () => {
    expect(scopePushRule(ANY_RULE, { role: 'sysadmin' })).toEqual({ ok: true, rule: ANY_RULE });
  });
});

describe('pushTargetOf (from the person document)', () => {
  const person = {
    status: 'active',
    enterpriseId: 'e1',
    countyCode: '370481',
    townCode: '370481001',
    industry: 'machinery' as const,
    postCategory: 'specialOperator' as const,
    certificates: [{ type: 'specialOperation' as const }, { type: 'specialOperation' as const }],
  };
  it('uses the most specific region and the certificate types', () => {
    expect(pushTargetOf(person)).toMatchObject({ enterpriseId: 'e1', regionCode: '370481001', industry: 'machinery', certificates: ['specialOperation'], keyAreas: [] });
    const { townCode: _t, ...countyOnly } = person;
    expect(pushTargetOf(countyOnly)?.regionCode).toBe('370481');
  });
  it('pending, former or unemployed persons receive nothing', () => {
    expect(pushTargetOf({ ...person, status: 'pending' })).toBeNull();
    expect(pushTargetOf({ ...person, status: 'left' })).toBeNull();
    expect(pushTargetOf({ ...person, enterpriseId: null })).toBeNull();
  });
});
