import type { z } from 'zod';
import type { ActionContract } from '../../shared/contracts/define';
import type { AccountDoc } from './accounts';
import type { CollectionName } from './collections';
import type { Database } from './db';
import type { PersonDoc } from './persons';
import type { Principal, Role } from './principal';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** What an action gets besides its validated input. */
export interface Ctx {
  principal: Principal;
  /** The caller's person document when the action allows `worker`/`employee` and one is bound. */
  person: PersonDoc | null;
  /** The caller's console account, as re-read by the router for this call (console roles only). */
  account: AccountDoc | null;
  /**
   * The action's companion document (`ActionDef.companion`), read by the router in the same round
   * trip as the caller's person: the document, null when there is none (or no person), undefined
   * when the action declares no companion.
   */
  companion?: Record<string, unknown> | null;
  /** Caller's WeChat OPENID when the call came from the mini-program. */
  openid?: string;
  db: Database;
  now(): Date;
  requestId: string;
  /** Appends to auditLog (sensitive reads and every admin write). */
  audit(entry: AuditEntry): Promise<void>;
  log(message: string, extra?: Record<string, unknown>): void;
}

/**
 * A document the router reads together with the caller's person, in the same round trip (one
 * aggregate: the person by OPENID, then an equality `$lookup` of `collection`). Either
 * - `foreignField`: the document whose `foreignField` equals the person's `_id` (at most one per
 *   person, indexed) — learning's learner document; or
 * - `byInput`: the document whose `_id` is the value of that input field (`attemptId`, `examId`),
 *   read by primary key. With `ownerField` it must also have `ownerField` equal to the person's
 *   `_id`: a foreign id yields nothing (null), exactly as a missing one — inside the database,
 *   the foreign document never reaches the function. A non-string input yields null too (the
 *   action's own input validation answers it).
 */
export type CompanionDecl = { collection: CollectionName; foreignField: string } | { collection: CollectionName; byInput: string; ownerField?: string };

export interface ActionDef<I extends z.ZodType, O> {
  contract: ActionContract<I, O>;
  /** Who may call it; checked by the router before input is parsed. */
  allow: readonly Role[];
  /**
   * Callable while the caller must still change its password (me, the change itself, logout).
   * Everything else answers PASSWORD_CHANGE_REQUIRED until the change is made.
   */
  passwordChange?: boolean;
  /** Only for actions allowing `worker`/`employee`: read with the caller's person (see CompanionDecl). */
  companion?: CompanionDecl;
  run(input: z.output<I>, ctx: Ctx): Promise<O>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDef<any, any>;

/** One file per action: `export default defineAction(contracts.org.searchEnterprises, { allow, run })`. */
export function defineAction<I extends z.ZodType, O>(
  contract: ActionContract<I, O>,
  def: { allow: readonly Role[]; passwordChange?: boolean; companion?: CompanionDecl; run(input: z.output<I>, ctx: Ctx): Promise<O> },
): ActionDef<I, O> {
  return { contract, ...def };
}
