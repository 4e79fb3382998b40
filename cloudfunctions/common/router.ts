import { randomUUID } from 'crypto';
import type { z } from 'zod';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode, type Fail, type Ok } from '../../shared/errors';
import type { AnyAction, AuditEntry, Ctx } from './action';
import { getCallerOpenId } from './cloud';
import { now } from './clock';
import { C, getDb } from './db';
import { AppError } from './errors';
import { personByOpenId, type PersonDoc } from './persons';
import { isAllowed, needsPerson, type Principal } from './principal';
import { verifySession } from './session';

/** Envelope fields that are not part of an action's input. */
const ENVELOPE_KEYS = new Set(['action', 'sessionToken', 'userInfo']);

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time?: string;
}

const isTimerEvent = (e: unknown): e is TimerEvent =>
  !!e && typeof e === 'object' && (e as TimerEvent).Type === 'Timer' && typeof (e as TimerEvent).TriggerName === 'string';

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** A schema can tag an issue with a stable code (`params.code`); the first such issue decides the answer. */
function codedIssue(error: z.ZodError): { code: ErrorCode; message: string } | null {
  for (const i of error.issues) {
    const code = (i as { params?: { code?: unknown } }).params?.code;
    if (isErrorCode(code)) return { code, message: i.message };
  }
  return null;
}

function resolvePrincipal(event: Record<string, unknown>, openid: string | undefined, nowMs: number): Principal {
  const token = event.sessionToken;
  if (typeof token === 'string' && token.length > 0) {
    const s = verifySession(token, nowMs);
    return {
      kind: 'account',
      accountId: s.sub,
      role: s.role,
      regionCode: s.region,
      regionLevel: s.level,
      industries: s.ind,
      enterpriseId: s.ent,
      sessionVersion: s.ver,
      openid,
    };
  }
  return { kind: 'guest', openid };
}

function toFail(e: unknown, fnName: string, actionName: string, requestId: string): Fail {
  if (e instanceof AppError) return { ok: false, code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) };
  // Unknown failures are logged with the request id and never leak a stack trace to the caller.
  console.error(`[${fnName}.${actionName}] ${requestId}`, e);
  return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, details: { requestId } };
}

/**
 * The generic entry of every cloud function: `exports.main = createMain('org', actions)`.
 * event.action → action module; identity → allowed roles → zod input → run.
 */
export function createMain(fnName: string, actions: Record<string, AnyAction>) {
  return async function main(event: unknown, _context?: unknown): Promise<Ok<unknown> | Fail> {
    const requestId = randomUUID();
    const ev = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>;
    const timer = isTimerEvent(ev) && process.env.TRIGGER_SRC === 'timer';
    const actionName = timer ? (ev as unknown as TimerEvent).TriggerName : ev.action;
    if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
      return { ok: false, code: 'UNKNOWN_ACTION', message: `${ERROR_MESSAGES.UNKNOWN_ACTION}：${String(actionName ?? '')}` };
    }
    const action = actions[actionName];
    try {
      const openid = timer ? undefined : getCallerOpenId();
      let principal: Principal = timer ? { kind: 'timer' } : resolvePrincipal(ev, openid, now().getTime());
      let person: PersonDoc | null = null;
      if (principal.kind === 'guest' && openid && needsPerson(action.allow)) {
        person = await personByOpenId(openid);
        if (person) principal = { kind: 'person', personId: person._id, openid, status: person.status, enterpriseId: person.enterpriseId };
      }
      if (!isAllowed(principal, action.allow)) {
        throw new AppError(principal.kind === 'guest' && !action.allow.includes('anyone') ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
      const raw: Record<string, unknown> = {};
      if (!timer) for (const [k, v] of Object.entries(ev)) if (!ENVELOPE_KEYS.has(k)) raw[k] = v;
      const parsed = action.contract.input.safeParse(raw);
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        const coded = codedIssue(parsed.error);
        if (coded) throw new AppError(coded.code, coded.message, { issues });
        throw new AppError('INVALID_INPUT', issues[0]?.message ?? ERROR_MESSAGES.INVALID_INPUT, { issues });
      }
      const db = getDb();
      const ctx: Ctx = {
        principal,
        person,
        openid,
        db,
        now,
        requestId,
        async audit(entry: AuditEntry) {
          await db.collection(C.auditLog).add({
            data: {
              ...entry,
              fn: fnName,
              actorKind: principal.kind,
              actorId: principal.kind === 'account' ? principal.accountId : principal.kind === 'person' ? principal.personId : (openid ?? null),
              requestId,
              at: now(),
            },
          });
        },
        log(message, extra) {
          console.log(JSON.stringify({ fn: fnName, action: actionName, requestId, message, ...extra }));
        },
      };
      const data = await action.run(parsed.data, ctx);
      return { ok: true, data: data ?? null };
    } catch (e) {
      return toFail(e, fnName, actionName, requestId);
    }
  };
}
