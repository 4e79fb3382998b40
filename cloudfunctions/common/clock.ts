/** The server's notion of now; tests replace it to exercise expiry and lockout without sleeping. */
let nowFn: () => Date = () => new Date();

export const now = (): Date => nowFn();

export function setClockForTests(fn: (() => Date) | null): void {
  nowFn = fn ?? (() => new Date());
}
