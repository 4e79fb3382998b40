import { isoWeekKey } from '../../../shared/calendar';
import { learningContracts, type LeaderboardRow } from '../../../shared/contracts/learning';
import { maskPersonName } from '../../../shared/learning/courseCenter';
import { competitionRanks } from '../../../shared/learning/leaderboard';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { callerPerson, type LearnerDoc, callerLearner, LEARNER_COMPANION } from '../learner';

const TOP = 100;
const FIELD = { enterprise: 'enterpriseId', county: 'countyCode', city: 'cityCode' } as const;

/**
 * 排行榜 of study time this ISO week (Asia/Shanghai) in the caller's enterprise, county or city: the
 * learners' live weekly counters, top 100 by an index (`lb_*`), and the caller's own rank by one
 * count. Others' names are masked. Counters hold the current week only, so only it is served.
 */
export default defineAction(learningContracts.leaderboard, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ scope, week: asked }, ctx) {
    const person = callerPerson(ctx);
    const week = isoWeekKey(ctx.now());
    if (asked && asked !== week) throw new AppError('INVALID_INPUT', '仅提供本周排行榜');
    const value = person.status !== 'active' ? null : scope === 'enterprise' ? person.enterpriseId : scope === 'county' ? person.countyCode : person.cityCode;
    if (!value) return { week, scope, items: [], me: null };
    const _ = ctx.db.command;
    const where = { week, [FIELD[scope]]: value };
    const [learner, top] = await Promise.all([
      callerLearner(ctx, person),
      ctx.db
        .collection(C.studySessions)
        .where({ ...where, weekSeconds: _.gt(0) })
        .orderBy('weekSeconds', 'desc')
        .limit(TOP)
        .field({ personId: true, name: true, enterpriseName: true, weekSeconds: true })
        .get<Pick<LearnerDoc, 'personId' | 'name' | 'enterpriseName' | 'weekSeconds'>>(),
    ]);
    const ranks = competitionRanks(top.data.map((d) => d.weekSeconds));
    const row = (d: Pick<LearnerDoc, 'personId' | 'name' | 'enterpriseName' | 'weekSeconds'>, rank: number): LeaderboardRow => ({
      rank,
      personId: d.personId,
      name: d.personId === person._id ? person.name : maskPersonName(d.name ?? ''),
      ...(scope !== 'enterprise' && d.enterpriseName ? { enterpriseName: d.enterpriseName } : {}),
      seconds: d.weekSeconds,
    });
    const items = top.data.map((d, i) => row(d, ranks[i]));
    let me: LeaderboardRow | null = items.find((i) => i.personId === person._id) ?? null;
    const mine = learner && learner.week === week && learner[FIELD[scope]] === value ? learner.weekSeconds : 0;
    if (!me && learner && mine > 0) {
      const ahead = await ctx.db.collection(C.studySessions).where({ ...where, weekSeconds: _.gt(mine) }).count();
      me = row(learner, ahead.total + 1);
    }
    return { week, scope, items, me };
  },
});
