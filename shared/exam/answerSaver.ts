import type { SaveState } from './takeView';

/**
 * Saves each answer as soon as it is chosen, one request per question at a time: a tap while the
 * previous save of that question is in flight is sent after it (only the latest choice), so the
 * server never ends on an older answer than the screen shows. A failed save keeps its answer for
 * `retry`. Pure (the transport is injected), so the answering page and its tests share it.
 */
export class AnswerSaver {
  private inFlight = new Set<string>();
  private wanted = new Map<string, string[]>();
  private failed = new Map<string, string[]>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly send: (questionId: string, answer: string[]) => Promise<void>,
    private readonly onChange: (questionId: string, state: SaveState, error?: unknown) => void,
  ) {}

  save(questionId: string, answer: readonly string[]): void {
    this.failed.delete(questionId);
    this.wanted.set(questionId, [...answer]);
    if (!this.inFlight.has(questionId)) this.pump(questionId);
  }

  /** Sends a failed answer again (no-op when nothing failed for it). */
  retry(questionId: string): void {
    const a = this.failed.get(questionId);
    if (a) this.save(questionId, a);
  }

  retryAll(): void {
    for (const q of [...this.failed.keys()]) this.retry(q);
  }

  failedIds(): string[] {
    return [...this.failed.keys()];
  }

  busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once no save is in flight (submit waits for it, so grading sees every answer). */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(questionId: string): void {
    const answer = this.wanted.get(questionId);
    if (!answer) return;
    this.wanted.delete(questionId);
    this.inFlight.add(questionId);
    this.onChange(questionId, 'saving');
    const settle = (error?: unknown, failed = false) => {
      this.inFlight.delete(questionId);
      if (this.wanted.has(questionId)) this.pump(questionId);
      else if (failed) {
        this.failed.set(questionId, answer);
        this.onChange(questionId, 'failed', error);
      } else this.onChange(questionId, 'saved');
      if (!this.busy()) for (const w of this.waiters.splice(0)) w();
    };
    this.send(questionId, answer).then(
      () => settle(),
      (err: unknown) => settle(err, true),
    );
  }
}
