import { randomUUID } from 'crypto';
import type { z } from 'zod';
import { ERROR_MESSAGES, isErrorCode, type ErrorCode, type Fail, type Ok } from '../../shared/errors';
import { jsonDepthExceeds } from '../../shared/jsonDepth';
import { assertSessionLive, type AccountDoc } from './accounts';
import type { AnyAction, AuditEntry, Ctx } from './action';
import { getCallerOpenId } from './cloud';
import { httpAnswer, isHttpTriggerEvent, unwrapHttpCall, type IntegrationResponse } from './httpTrigger';
import { now } from './clock';
import { C, getById, getDb } from './db';
import { isCollectionNotExist } from './dbErrors';
import { AppError } from './errors';
import { personByOpenId, personWithCompanion, type PersonDoc } from './persons';
import { ensureSchema } from './schema';
import { isAllowed, needsAccount, needsPerson, type Principal } from './principal';
import { verifySession } from './session';
import { BOOTSTRAP_KEY_ENV, checkDeployProof, nonceLockId } from './deployProof';

/**
 * The deployer (bootstrap): a valid HMAC proof, then its nonce is burnt under a deterministic `_id`
 * — a replayed proof fails that insert. `locks` may not exist yet in a fresh environment.
 */
async function resolveDeployer(fnName: string, actionName: string, proof: unknown, nowMs: number): Promise<Principal> {
  const check = checkDeployProof(proof, process.env[BOOTSTRAP_KEY_ENV], fnName, actionName, nowMs);
  if (!check.ok) throw new AppError('UNAUTHENTICATED', '部署凭证无效或已过期');
  const db = getDb();
  const doc = { data: { _id: nonceLockId(check.proof.nonce), kind: 'deployNonce', at: new Date(nowMs), expiresAt: new Date(check.proof.ts + 10 * 60 * 1000) } };
  try {
    await db.collection(C.locks).add(doc);
  } catch (e) {
    // Classified by code (dbErrors.ts): only a missing collection is worth creating and retrying.
    if (!isCollectionNotExist(e)) throw new AppError('UNAUTHENTICATED', '部署凭证已使用，请重新生成');
    // The schema's own create-if-missing (a parallel call may have created it: "already exists" is fine).
    await ensureSchema(db, { collections: [C.locks], indexes: [] });
    try {
      await db.collection(C.locks).add(doc);
    } catch {
      throw new AppError('UNAUTHENTICATED', '部署凭证已使用，请重新生成');
    }
  }
  return { kind: 'deployer' };
}

/** Envelope fields that are not part of an action's input. */
const ENVELOPE_KEYS = new Set(['action', 'sessionToken', 'userInfo', 'deployProof']);

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

/**
 * A console caller: the token's signature and expiry, then the account as it is now (one read):
 * disabled, password changed since, or logged out → SESSION_EXPIRED. Role and scope come from the
 * account document, never from the token, so they are always current.
 */
async function resolveAccount(token: unknown, openid: string | undefined, nowMs: number): Promise<{ principal: Principal; account: AccountDoc }> {
  if (typeof token !== 'string' || token.length === 0) throw new AppError('UNAUTHENTICATED');
  const claims = verifySession(token, nowMs);
  const account = assertSessionLive(await getById<AccountDoc>(C.accounts, claims.sub), claims);
  return {
    account,
    principal: {
      kind: 'account',
      accountId: account._id,
      role: account.role,
      regionCode: account.regionCode,
      regionLevel: account.regionLevel,
      industries: account.industries?.length ? account.industries : undefined,
      enterpriseId: account.enterpriseId,
      sessionVersion: claims.ver,
      sessionId: claims.sid,
      sessionExp: claims.exp,
      openid,
    },
  };
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
  const run = createCall(fnName, actions);
  /**
   * callFunction (mini-program, timers) passes the call itself; the HTTP access service (the
   * console) passes an integration request, unwrapped into the same call — without an OPENID,
   * whatever the runtime context says, so mini-program-only actions are refused over HTTP — and
   * answered with an integration response carrying the same `{ ok, … }` JSON.
   */
  return async function main(event: unknown, _context?: unknown): Promise<Ok<unknown> | Fail | IntegrationResponse> {
    if (!isHttpTriggerEvent(event)) return run(event, false);
    const u = unwrapHttpCall(event);
    if (u.kind === 'answer') return u.response;
    return httpAnswer(200, await run(u.event, true), u.cors);
  };
}

function createCall(fnName: string, actions: Record<string, AnyAction>) {
  return async function call(event: unknown, overHttp: boolean): Promise<Ok<unknown> | Fail> {
    const requestId = randomUUID();
    const ev = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>;
    const timer = !overHttp && isTimerEvent(ev) && process.env.TRIGGER_SRC === 'timer';
    const actionName = timer ? (ev as unknown as TimerEvent).TriggerName : ev.action;
    if (typeof actionName !== 'string' || !Object.prototype.hasOwnProperty.call(actions, actionName)) {
      return { ok: false, code: 'UNKNOWN_ACTION', message: `${ERROR_MESSAGES.UNKNOWN_ACTION}：${String(actionName ?? '')}` };
    }
    const action = actions[actionName];
    try {
      // Everything that must hold for every call is checked here, before any action code runs.
      if (jsonDepthExceeds(ev)) throw new AppError('INVALID_INPUT', '请求数据层级过深');
      const openid = timer || overHttp ? undefined : getCallerOpenId();
      let principal: Principal = timer ? { kind: 'timer' } : { kind: 'guest', openid };
      let person: PersonDoc | null = null;
      let account: AccountDoc | null = null;
      // Declared by the action: read with the person (same round trip); undefined otherwise.
      let companion: Record<string, unknown> | null | undefined = action.companion ? null : undefined;
      // Actions open to anyone ignore credentials: nothing there depends on who is calling.
      if (!timer && !overHttp && action.allow.includes('deployer') && ev.deployProof !== undefined) {
        principal = await resolveDeployer(fnName, actionName, ev.deployProof, now().getTime());
      } else if (!timer && needsAccount(action.allow) && ev.sessionToken !== undefined) {
        ({ principal, account } = await resolveAccount(ev.sessionToken, openid, now().getTime()));
      } else if (!timer && openid && needsPerson(action.allow)) {
        if (action.companion) ({ person, companion } = await personWithCompanion(openid, action.companion, ev));
        else person = await personByOpenId(openid);
        if (person) principal = { kind: 'person', personId: person._id, openid, status: person.status, enterpriseId: person.enterpriseId };
      }
      if (!isAllowed(principal, action.allow)) {
        throw new AppError(principal.kind === 'guest' && !action.allow.includes('anyone') ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
      // A forced password change is enforced here: until it is made, only what the change needs.
      if (!action.passwordChange && (account?.mustChangePassword || person?.mustChangePassword)) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码后再继续操作');
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
        account,
        ...(companion !== undefined ? { companion } : {}),
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
              actorId: principal.kind === 'account' ? principal.accountId : principal.kind === 'person' ? principal.personId : principal.kind === 'deployer' ? 'deployer' : (openid ?? null),
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
