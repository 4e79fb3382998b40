import type { Contracts, FunctionName, ActionName, InputOf, OutputOf } from './contracts';
import { ERROR_MESSAGES, type ErrorCode, type Result } from './errors';

/**
 * The typed caller used by both the mini-program and the console. Each side supplies only its
 * transport (wx.cloud.callFunction, fetch, the CloudBase JS SDK); request and response types come
 * from the contracts, so the clients cannot drift from the functions.
 */
export class CloudError extends Error {
  constructor(
    public readonly code: ErrorCode | 'NETWORK',
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

/** Sends `{ action, ...input }` to a function and returns what the function returned. */
export type Transport = (fn: string, data: Record<string, unknown>) => Promise<unknown>;

export type CallFn = <F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<Contracts[F][A]>,
) => Promise<OutputOf<Contracts[F][A]>>;

export function createClient(transport: Transport): CallFn {
  return async (fn, action, input) => {
    let raw: unknown;
    try {
      raw = await transport(fn, { ...(input as Record<string, unknown>), action });
    } catch (e) {
      if (e instanceof CloudError) throw e;
      throw new CloudError('NETWORK', '网络连接失败，请检查网络后重试');
    }
    const res = raw as Result<never> | undefined;
    if (!res || typeof res !== 'object' || typeof res.ok !== 'boolean') throw new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL);
    if (res.ok) return res.data;
    throw new CloudError(res.code, res.message || ERROR_MESSAGES[res.code] || ERROR_MESSAGES.INTERNAL, res.details);
  };
}

/** Field-level messages from an INVALID_INPUT error, keyed by field path (for forms). */
export function fieldErrorsOf(err: unknown): Record<string, string> {
  if (!(err instanceof CloudError) || err.code !== 'INVALID_INPUT') return {};
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const out: Record<string, string> = {};
  for (const i of issues) if (!out[i.path]) out[i.path] = i.message;
  return out;
}
