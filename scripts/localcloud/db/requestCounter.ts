/**
 * Round trips to the database, our cost metric: every request counts once, in total, per
 * instance (the `/db/i/<instance>/admin` path a function instance is given) and per action.
 */
export interface RequestCounts {
  total: number;
  byInstance: Record<string, number>;
  byAction: Record<string, number>;
}

export class RequestCounter {
  private total = 0;
  private readonly byInstance = new Map<string, number>();
  private readonly byAction = new Map<string, number>();

  countRequest(instance: string): void {
    this.total++;
    this.byInstance.set(instance, (this.byInstance.get(instance) ?? 0) + 1);
  }

  countAction(action: string): void {
    this.byAction.set(action, (this.byAction.get(action) ?? 0) + 1);
  }

  /** Returns the instance's count and resets it (one invocation's cost). */
  take(instance: string): number {
    const n = this.byInstance.get(instance) ?? 0;
    this.byInstance.delete(instance);
    return n;
  }

  snapshot(): RequestCounts {
    return {
      total: this.total,
      byInstance: Object.fromEntries(this.byInstance),
      byAction: Object.fromEntries(this.byAction),
    };
  }
}
