import type { ActionName, Contracts, InputOf, OutputOf } from '@shared/contracts';
import { call, publicCall } from './api';

/**
 * Calls to function `learning` (courses, 课程中心, 线下培训, 学时台账, certificate verification);
 * `public` sends no session token (the verification page).
 */
export type LearningAction = ActionName<'learning'>;

export function callLearning<A extends LearningAction>(action: A, input: InputOf<Contracts['learning'][A]>, opts: { public?: boolean } = {}): Promise<OutputOf<Contracts['learning'][A]>> {
  return opts.public ? publicCall('learning', action, input) : call('learning', action, input);
}

/** A client-made id for a create that may be retried (the server records it once). */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
