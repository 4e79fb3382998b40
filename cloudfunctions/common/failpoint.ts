/**
 * Crash injection for tests: when ANXUE_FAILPOINT names this point, the process dies here as a
 * kill -9 would (no cleanup, no response). Used to prove that an interrupted multi-step write is
 * repaired by its re-run. Never set in a deployed environment (nothing sets it there).
 */
export function failpoint(name: string): void {
  if (process.env.ANXUE_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
