import type { InputOf, OutputOf } from '@shared/contracts/define';
import type { learningFunctionContracts } from '@shared/contracts/learning';
import { call, publicCall } from './api';

/**
 * Typed calls to function `learning` (courses, 课程中心, 线下培训, 学时台账, certificate
 * verification), straight from its contracts.
 */
type L = typeof learningFunctionContracts;
export type LearningAction = keyof L & string;
type Untyped = (fn: string, action: string, input: unknown) => Promise<unknown>;

export function callLearning<A extends LearningAction>(action: A, input: InputOf<L[A]>, opts: { public?: boolean } = {}): Promise<OutputOf<L[A]>> {
  return ((opts.public ? publicCall : call) as unknown as Untyped)('learning', action, input) as Promise<OutputOf<L[A]>>;
}

/** A client-made id for a create that may be retried (the server records it once). */
export function newRequestId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
