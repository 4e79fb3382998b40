/**
 * The client side of server-credited study (mini-program study page; pure, so it is unit-tested
 * without a page). The server credits time; the client only says "still here" every
 * `checkpointEverySeconds` (sooner when the remaining required time is shorter, so completion shows
 * promptly), "hidden" when the page hides and "shown" when it comes back. It never sends a duration.
 * Calls are serialised: a hide during a periodic checkpoint waits for it.
 */
export interface CheckpointAnswer {
  creditedSeconds: number;
  requiredSeconds: number;
  done: boolean;
  identityCheckDue?: true;
}

export type StudyPhase =
  /** Timer running, page visible. */
  | 'studying'
  /** Page hidden: nothing is credited; no timer. */
  | 'hidden'
  /** The server wants an identity check before crediting more. */
  | 'identityCheck'
  | 'done'
  /** Another device or page started studying: this one stops for good. */
  | 'replaced'
  /** The session ended on the server (e.g. left the page); start again to go on. */
  | 'ended';

export interface StudyState {
  phase: StudyPhase;
  creditedSeconds: number;
  requiredSeconds: number;
  /** When the last answer arrived (client clock; display only, to estimate between checkpoints). */
  syncedAt: number;
  /** A failed call that will be retried (network); cleared by the next good answer. */
  warning: string | null;
}

export interface StudyLoopDeps {
  checkpoint(input: { sessionId: string; hidden?: boolean; position?: number }): Promise<CheckpointAnswer>;
  /** Where to resume (video second, document page); sent as `position`, never as credit. */
  position?(): number | undefined;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  now(): number;
  onChange(state: StudyState): void;
}

export interface StudyStart {
  sessionId: string;
  creditedSeconds: number;
  requiredSeconds: number;
  checkpointEverySeconds: number;
  identityCheckDue?: true;
}

const codeOf = (err: unknown): string | undefined => (err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : undefined);
const messageOf = (err: unknown): string => (err instanceof Error && err.message ? err.message : '网络连接失败，请检查网络');

/** Seconds after the remaining time runs out before asking (the server's clock may lag a little). */
const FINISH_MARGIN_S = 2;
const MIN_DELAY_S = 5;

export class StudyLoop {
  private state: StudyState;
  private timer: unknown = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly everyMs: number;
  /** Hidden while an identity check was due: showing again returns to the check, not to studying. */
  private hiddenFromCheck = false;
  private stopped = false;

  constructor(
    private readonly start: StudyStart,
    private readonly deps: StudyLoopDeps,
  ) {
    this.everyMs = Math.max(MIN_DELAY_S, start.checkpointEverySeconds) * 1000;
    const done = start.creditedSeconds >= start.requiredSeconds;
    this.state = {
      phase: done ? 'done' : start.identityCheckDue ? 'identityCheck' : 'studying',
      creditedSeconds: start.creditedSeconds,
      requiredSeconds: start.requiredSeconds,
      syncedAt: deps.now(),
      warning: null,
    };
  }

  get current(): StudyState {
    return this.state;
  }

  get sessionId(): string {
    return this.start.sessionId;
  }

  /** Starts the periodic checkpoints (call once, after the page shows the material). */
  begin(): void {
    this.emit();
    if (this.state.phase === 'studying') this.schedule();
  }

  /** Page hidden (weapp onHide, H5 visibilitychange → hidden): credit up to now, then nothing until shown. */
  hide(): Promise<void> {
    if (this.state.phase !== 'studying' && this.state.phase !== 'identityCheck') return this.queue;
    const wasChecking = this.state.phase === 'identityCheck';
    this.clear();
    this.set({ phase: 'hidden' });
    this.hiddenFromCheck = wasChecking;
    return this.enqueue({ hidden: true });
  }

  /** Page shown again: the server restarts the clock from here. */
  show(): Promise<void> {
    if (this.state.phase !== 'hidden') return this.queue;
    this.set({ phase: this.hiddenFromCheck ? 'identityCheck' : 'studying' });
    return this.enqueue({ hidden: false });
  }

  /**
   * After identityCheckResult. Passed: crediting resumes. Failed or skipped: the server voided the
   * time since the last passed check and a check stays due, so the loop stays paused.
   */
  identityResolved(answer: { passed: boolean; creditedSeconds: number; requiredSeconds: number }): void {
    if (this.state.phase !== 'identityCheck') return;
    this.hiddenFromCheck = false;
    if (!answer.passed) {
      this.set({ creditedSeconds: answer.creditedSeconds, requiredSeconds: answer.requiredSeconds, syncedAt: this.deps.now() });
      return;
    }
    this.apply({ creditedSeconds: answer.creditedSeconds, requiredSeconds: answer.requiredSeconds, done: answer.creditedSeconds >= answer.requiredSeconds });
  }

  /** Leaving the page: a last checkpoint as hidden (credits up to now), then stop. */
  stop(): Promise<void> {
    if (this.stopped) return this.queue;
    const live = this.state.phase === 'studying' || this.state.phase === 'identityCheck';
    this.clear();
    this.stopped = true;
    return live ? this.enqueue({ hidden: true }, true) : this.queue;
  }

  private schedule(): void {
    this.clear();
    if (this.stopped || this.state.phase !== 'studying') return;
    const remaining = this.state.requiredSeconds - this.state.creditedSeconds;
    const ms = Math.min(this.everyMs, Math.max(MIN_DELAY_S, remaining + FINISH_MARGIN_S) * 1000);
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.enqueue({});
    }, ms);
  }

  private clear(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private enqueue(flags: { hidden?: boolean }, final = false): Promise<void> {
    this.queue = this.queue.then(() => this.send(flags, final));
    return this.queue;
  }

  private async send(flags: { hidden?: boolean }, final: boolean): Promise<void> {
    if (this.state.phase === 'replaced' || this.state.phase === 'ended' || this.state.phase === 'done') return;
    const position = this.deps.position?.();
    try {
      const answer = await this.deps.checkpoint({ sessionId: this.start.sessionId, ...flags, ...(position !== undefined ? { position: Math.max(0, Math.floor(position)) } : {}) });
      if (final) return;
      this.apply(answer);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'STUDY_SESSION_REPLACED') return this.finish('replaced');
      if (code === 'STUDY_SESSION_ENDED') return this.finish('ended');
      if (final) return;
      // A lost call costs at most one interval on the server; try again at the next tick.
      this.set({ warning: messageOf(err) });
      this.schedule();
    }
  }

  private apply(a: CheckpointAnswer): void {
    const base = { creditedSeconds: a.creditedSeconds, requiredSeconds: a.requiredSeconds, syncedAt: this.deps.now(), warning: null };
    if (a.done) {
      this.clear();
      this.set({ ...base, phase: 'done' });
    } else if (a.identityCheckDue) {
      this.clear();
      this.set({ ...base, phase: this.state.phase === 'hidden' ? 'hidden' : 'identityCheck' });
      if (this.state.phase === 'hidden') this.hiddenFromCheck = true;
    } else {
      this.set({ ...base, phase: this.state.phase === 'hidden' ? 'hidden' : this.state.phase === 'identityCheck' ? 'studying' : this.state.phase });
      this.schedule();
    }
  }

  private finish(phase: 'replaced' | 'ended'): void {
    this.clear();
    this.set({ phase });
  }

  private set(patch: Partial<StudyState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    this.deps.onChange(this.state);
  }
}

/** Credited time to show between checkpoints: the server's number plus the visible time since, capped. Display only. */
export function estimateCredited(s: StudyState, now: number): number {
  if (s.phase !== 'studying') return s.creditedSeconds;
  return Math.min(s.requiredSeconds, s.creditedSeconds + Math.max(0, Math.floor((now - s.syncedAt) / 1000)));
}
