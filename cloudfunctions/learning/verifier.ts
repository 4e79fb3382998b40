import { randomUUID } from 'crypto';
import type { IdentityCheckResult } from '../../shared/learning/crediting';

/**
 * Identity checks during study, behind one interface: `start` opens a check for a session and tells
 * the page how to run it; `verify` turns the page's answer (a ticket) into passed / failed. The
 * server never trusts the page's own verdict except with the simulated verifier, which exists only
 * in the local cloud.
 */
export interface Verifier {
  readonly kind: 'simulated' | 'wechatFace';
  start(input: { personId: string; sessionId: string }): Promise<{ checkId: string; params?: Record<string, string> }>;
  verify(input: { personId: string; checkId: string; ticket?: string; skipped?: boolean }): Promise<IdentityCheckResult>;
}

/** Local cloud only: the page answers pass/fail itself (ticket 'pass' passes, anything else fails). */
export const simulatedVerifier: Verifier = {
  kind: 'simulated',
  async start() {
    return { checkId: `chk${randomUUID().replace(/-/g, '')}`, params: { hint: '本地模拟核验：选择“通过”或“不通过”' } };
  },
  async verify({ ticket, skipped }) {
    if (skipped) return 'skipped';
    return ticket === 'pass' ? 'passed' : 'failed';
  },
};

/**
 * WeChat facial verification (wx.startFacialRecognitionVerify, for account categories that may use
 * it). The page runs the check with the name and ID number the server holds and sends back the
 * `verifyResult`; the server must confirm it with WeChat's identity-verification API before it
 * passes. That call needs the mini-program's qualification and is not wired yet, so every ticket
 * fails closed (no time is credited by an unconfirmed check).
 */
export const wechatFaceVerifier: Verifier = {
  kind: 'wechatFace',
  async start() {
    return { checkId: `chk${randomUUID().replace(/-/g, '')}`, params: { api: 'startFacialRecognitionVerify' } };
  },
  async verify({ skipped }) {
    return skipped ? 'skipped' : 'failed';
  },
};

/**
 * The verifier of this environment: simulated only where the local cloud runs (TCB_ENV=local, set
 * by scripts/localcloud and the test harness, never by CloudBase); WeChat facial verification
 * everywhere else, whatever the configuration says.
 */
export function verifierForEnv(env: NodeJS.ProcessEnv = process.env): Verifier {
  return env.TCB_ENV === 'local' && env.ANXUE_IDENTITY_VERIFIER !== 'wechatFace' ? simulatedVerifier : wechatFaceVerifier;
}
