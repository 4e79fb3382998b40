/**
 * The server's notion of now; tests replace it to exercise expiry and lockout without sleeping.
 *
 * The local cloud (scripts/localcloud, never deployed) can also move it forward for the e2e
 * journeys (`POST /api/local/clock { advanceSeconds }`): its worker threads set the offset below on
 * the global object before each invocation. Nothing in the cloud sets it, so there it is 0.
 */
const LOCAL_OFFSET = Symbol.for('anxue.localClockOffsetMs');

const localOffsetMs = (): number => {
  const v = (globalThis as Record<symbol, unknown>)[LOCAL_OFFSET];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
};

const systemNow = (): Date => new Date(Date.now() + localOffsetMs());

let nowFn: () => Date = systemNow;

export const now = (): Date => nowFn();

export function setClockForTests(fn: (() => Date) | null): void {
  nowFn = fn ?? systemNow;
}
