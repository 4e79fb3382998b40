import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';

/**
 * Hosts the bundled functions the way CloudBase does: per function a pool of instances (one worker
 * thread each, one invocation at a time, warm between calls), capped like CloudBase's concurrency
 * limit. Each instance talks to the database through its own URL path so round trips are counted
 * per invocation.
 */
export interface InvokeOptions {
  event: unknown;
  /** WeChat context keys (OPENID, APPID, SOURCE, CLIENTIP …) as the runtime injects them. */
  wx: Record<string, string>;
  timer?: boolean;
}

export interface InvokeResult {
  result: unknown;
  roundTrips: number;
  ms: number;
}

interface Instance {
  id: string;
  worker: Worker;
  busy: boolean;
}

interface Pending {
  opts: InvokeOptions;
  resolve(r: InvokeResult): void;
  reject(e: Error): void;
}

export interface FunctionHostOptions {
  functionsDir: string;
  /** Database URL for an instance id (the instance id becomes part of the path). */
  dbUrlFor(instanceId: string): string;
  /** Round trips recorded for an instance since the last call (and reset). */
  takeRoundTrips(instanceId: string): number;
  /** Extra environment for every instance (secrets, TCB vars). */
  env: Record<string, string>;
  maxInstances?: number;
  /** Calls waiting for a free instance, per function, before new ones are refused (HostBusyError). */
  maxQueue?: number;
  /** How far the local clock is ahead of the system clock (ms), read at each invocation (POST /api/local/clock). */
  clockOffsetMs?(): number;
}

/** Every instance of the function is busy and its queue is full: the call is refused at once. */
export class HostBusyError extends Error {
  constructor(name: string) {
    super(`function ${name}: all instances busy and the queue is full`);
    this.name = 'HostBusyError';
  }
}

const WORKER = join(__dirname, 'worker.cjs');

class FunctionPool {
  private instances: Instance[] = [];
  private queue: Pending[] = [];
  private seq = 0;
  private readonly timeoutMs: number;

  constructor(
    private readonly name: string,
    private readonly host: FunctionHostOptions,
  ) {
    const cfgPath = join(host.functionsDir, name, 'config.json');
    const cfg = existsSync(cfgPath) ? (JSON.parse(readFileSync(cfgPath, 'utf8')) as { timeout?: number }) : {};
    // CloudBase default is 3 s; locally we allow more because 2 shared cores are slower than the cloud.
    this.timeoutMs = Math.max(20, cfg.timeout ?? 20) * 1000;
  }

  invoke(opts: InvokeOptions): Promise<InvokeResult> {
    return new Promise((resolve, reject) => {
      if (this.queue.length >= (this.host.maxQueue ?? 200)) return reject(new HostBusyError(this.name));
      this.queue.push({ opts, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts queued calls on free instances. It runs from timers and worker events too, so nothing in
   * it may throw: a call that cannot start fails alone (its promise rejects), never the host.
   */
  private pump(): void {
    while (this.queue.length) {
      let inst = this.instances.find((i) => !i.busy);
      if (!inst && this.instances.length < (this.host.maxInstances ?? 20)) {
        try {
          inst = this.spawn();
        } catch (e) {
          this.queue.shift()!.reject(e as Error);
          continue;
        }
      }
      if (!inst) return;
      this.run(inst, this.queue.shift()!);
    }
  }

  private spawn(): Instance {
    const id = `${this.name}-${++this.seq}`;
    const worker = new Worker(WORKER, {
      workerData: {
        name: this.name,
        bundle: join(this.host.functionsDir, this.name, 'index.js'),
        env: { ...this.host.env, TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.host.dbUrlFor(id) }) },
      },
    });
    worker.unref();
    const inst: Instance = { id, worker, busy: false };
    this.instances.push(inst);
    return inst;
  }

  private run(inst: Instance, job: Pending): void {
    inst.busy = true;
    const started = Date.now();
    const callId = `${inst.id}:${started}:${Math.random().toString(36).slice(2)}`;
    this.host.takeRoundTrips(inst.id);
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      inst.worker.off('message', onMessage);
      inst.worker.off('error', onError);
      inst.worker.off('exit', onExit);
      fn();
      this.pump();
    };
    const onMessage = (msg: { id: string; result?: unknown; error?: string }) => {
      if (msg.id !== callId) return;
      inst.busy = false;
      const roundTrips = this.host.takeRoundTrips(inst.id);
      done(() =>
        msg.error !== undefined
          ? job.reject(new Error(`function ${this.name} threw: ${msg.error}`))
          : job.resolve({ result: msg.result, roundTrips, ms: Date.now() - started }),
      );
    };
    const onError = (err: Error) => {
      this.discard(inst);
      done(() => job.reject(err));
    };
    // An instance that dies mid-call (out of memory, process.exit) fails that call only.
    const onExit = (code: number) => {
      this.discard(inst);
      done(() => job.reject(new Error(`function ${this.name} instance exited (${code}) during the call`)));
    };
    const timer = setTimeout(() => {
      this.discard(inst);
      done(() => job.reject(new Error(`function ${this.name} timed out after ${this.timeoutMs} ms`)));
    }, this.timeoutMs);
    inst.worker.on('message', onMessage);
    inst.worker.on('error', onError);
    inst.worker.on('exit', onExit);
    try {
      inst.worker.postMessage({ id: callId, event: job.opts.event, wx: job.opts.wx, timer: !!job.opts.timer, clockOffsetMs: this.host.clockOffsetMs?.() ?? 0 });
    } catch (e) {
      // The event cannot be cloned (too deep, a function …): nothing reached the instance, which stays warm.
      inst.busy = false;
      done(() => job.reject(e as Error));
    }
  }

  private discard(inst: Instance): void {
    this.instances = this.instances.filter((i) => i !== inst);
    void inst.worker.terminate();
  }

  async close(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.worker.terminate()));
    this.instances = [];
  }
}

export class FunctionHost {
  private pools = new Map<string, FunctionPool>();

  constructor(private readonly opts: FunctionHostOptions) {}

  has(name: string): boolean {
    return /^[a-z][a-zA-Z0-9_-]*$/.test(name) && existsSync(join(this.opts.functionsDir, name, 'index.js'));
  }

  invoke(name: string, opts: InvokeOptions): Promise<InvokeResult> {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new FunctionPool(name, this.opts);
      this.pools.set(name, pool);
    }
    return pool.invoke(opts);
  }

  /** Drops warm instances (after a rebuild) so the next call loads the new bundle. */
  async reload(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }

  close(): Promise<void> {
    return this.reload();
  }
}
