/**
 * A bounded pool of worker threads for the requests that compute for more than a few milliseconds
 * (every tool: sweeps, plans, sensitivities, figures, simulations). Azure gives an instance one
 * Node worker, so a simulation run on the event loop would hold every other caller, health checks
 * included, for as long as it runs; on a thread of its own it holds only that thread.
 *
 * Three limits, each answered in problem+json:
 * - `workers` threads, each running one task at a time;
 * - `queue` tasks waiting for a thread; past that, 503 with Retry-After (an estimate from the recent
 *   run times), so a client backs off instead of piling on;
 * - `budgetMs` of wall time from the request's arrival, queueing included; past it, 504, and a
 *   thread still computing is terminated (and replaced on the next task), not left running.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { catalog } from "../../shared/index";
import { HttpProblem, responseForError } from "../http/problem";
import { asReply, type ToolReply, type ToolTask } from "./compute";

export interface PoolSettings {
  /** Threads computing at once. */
  workers: number;
  /** Tasks that may wait for a thread; 0 refuses whatever finds every thread busy. */
  queue: number;
  /** Wall time a request may take, waiting included, in milliseconds. */
  budgetMs: number;
}

/** The app settings (environment variables) that set the pool, with their rules. */
export const POOL_SETTINGS = {
  workers: { env: "TRACKER_WORKERS", min: 1, max: 64 },
  queue: { env: "TRACKER_QUEUE", min: 0, max: 10_000 },
  budgetMs: { env: "TRACKER_TIME_BUDGET_MS", min: 100, max: 600_000 },
} as const;

/**
 * One thread fewer than the cores, so the event loop keeps a core for answering; at least one, and
 * at most four by default, since each thread has a heap of its own and an instance's memory is fixed.
 */
function defaultPoolSettings(): PoolSettings {
  return { workers: Math.min(4, Math.max(1, availableParallelism() - 1)), queue: 64, budgetMs: 30_000 };
}

/** The pool's settings from the environment, defaults for those unset; a bad value is an error naming the setting and its rule. */
export function poolSettings(env: Record<string, string | undefined> = process.env): PoolSettings {
  const settings = defaultPoolSettings();
  for (const [key, rule] of Object.entries(POOL_SETTINGS) as [keyof PoolSettings, (typeof POOL_SETTINGS)[keyof PoolSettings]][]) {
    const raw = env[rule.env]?.trim();
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < rule.min || value > rule.max)
      throw new Error(`app setting ${rule.env} must be a whole number from ${rule.min} to ${rule.max}, got ${JSON.stringify(raw.slice(0, 40))}`);
    settings[key] = value;
  }
  return settings;
}

export interface PoolStats {
  workers: number;
  /** Threads loaded and not yet exited; a thread stopped past its budget counts until it has exited. */
  threads: number;
  busy: number;
  queued: number;
  queue: number;
  budgetMs: number;
  /** Threads that have exited since the app started: terminated past a budget, lost, or closed. */
  exited: number;
}

interface Job {
  id: number;
  task: ToolTask;
  resolve(reply: ToolReply): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker?: Worker;
  /** The slot's thread has loaded its script: a task posted now starts computing at once. */
  ready: boolean;
  job?: Job;
  /** The job has been handed to the thread (not merely waiting for it to load). */
  posted: boolean;
  started: number;
}

const shuttingDown = () => new HttpProblem(503, "the app is shutting down; try again", [], { "retry-after": "1" });

export class WorkerPool {
  readonly settings: PoolSettings;
  private readonly script: string;
  private readonly slots: Slot[];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private threads = 0;
  private exited = 0;
  /** A running mean of recent run times, for Retry-After. */
  private meanRunMs = 100;
  private closing = false;

  constructor(script: string, settings: PoolSettings) {
    this.script = script;
    this.settings = settings;
    this.slots = Array.from({ length: settings.workers }, () => ({ ready: false, posted: false, started: 0 }));
  }

  /** The task's reply from a thread, or an HttpProblem: 503 when the pool is full, 504 past the budget. */
  run(task: ToolTask): Promise<ToolReply> {
    const free = this.slots.find((slot) => !slot.job);
    if (!free && this.waiting.length >= this.settings.queue) return Promise.reject(this.full());
    return new Promise<ToolReply>((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, resolve, reject, timer: undefined as unknown as NodeJS.Timeout };
      job.timer = setTimeout(() => this.expire(job), this.settings.budgetMs);
      if (free) this.start(free, job);
      else this.waiting.push(job);
    });
  }

  stats(): PoolStats {
    return {
      workers: this.settings.workers,
      threads: this.threads,
      busy: this.slots.filter((slot) => slot.job).length,
      queued: this.waiting.length,
      queue: this.settings.queue,
      budgetMs: this.settings.budgetMs,
      exited: this.exited,
    };
  }

  /** Start every thread now (at the app's start), so the first requests do not wait for one to load. */
  warm(): void {
    for (const slot of this.slots) if (!slot.worker) this.spawn(slot);
  }

  /**
   * At the app's end (its appTerminate hook): refuse what waits or runs with 503, and stop every
   * thread. A later task starts threads afresh, so a host that serves the app again still can.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.waiting.splice(0)) this.fail(job, shuttingDown());
    await Promise.all(
      this.slots.map((slot) => {
        if (slot.job) this.fail(slot.job, shuttingDown());
        slot.job = undefined;
        return this.stop(slot);
      }),
    );
    this.closing = false;
  }

  private full(): HttpProblem {
    const waits = (this.waiting.length + this.settings.workers) / this.settings.workers;
    const seconds = Math.min(60, Math.max(1, Math.ceil((waits * this.meanRunMs) / 1000)));
    return new HttpProblem(
      503,
      `all ${this.settings.workers} computing threads are busy and ${this.waiting.length} requests already wait; try again in ${seconds} s`,
      [],
      { "retry-after": String(seconds) },
    );
  }

  /** Give the slot the job: to its thread now if it has loaded, else when it has (its budget runs meanwhile). */
  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.posted = false;
    if (!slot.worker && !this.spawn(slot)) {
      // No thread could be made (the process is short of memory or threads): say so, and keep the slot free.
      slot.job = undefined;
      this.fail(job, new HttpProblem(503, "no computing thread could be started; try again", [], { "retry-after": "5" }));
      return;
    }
    if (slot.ready) this.post(slot);
  }

  private post(slot: Slot): void {
    const job = slot.job!;
    slot.posted = true;
    slot.started = Date.now();
    slot.worker!.postMessage({ id: job.id, task: job.task });
  }

  /** A new thread for the slot, or undefined when one cannot be made now (the next task tries again). */
  private spawn(slot: Slot): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.script);
    } catch {
      return undefined;
    }
    slot.worker = worker;
    slot.ready = false;
    let ready = false;
    // The HTTP server keeps the process alive; an idle thread should not.
    worker.unref();
    worker.on("message", (message: { ready: true } | { id: number; reply: ToolReply }) => {
      if ("ready" in message) {
        ready = true;
        this.threads++;
        if (slot.worker !== worker) return;
        slot.ready = true;
        if (slot.job && !slot.posted) this.post(slot);
        return;
      }
      const job = slot.job;
      if (slot.worker !== worker || !job || job.id !== message.id) return;
      this.meanRunMs = 0.8 * this.meanRunMs + 0.2 * (Date.now() - slot.started);
      clearTimeout(job.timer);
      slot.job = undefined;
      job.resolve(message.reply);
      this.next(slot);
    });
    // A thread that dies (an uncaught error, memory) fails its task as ours, and the slot starts afresh.
    const lost = (why: string) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      slot.ready = false;
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        clearTimeout(job.timer);
        job.resolve(lostReply(job, why));
      }
      // Replaced at once if it had loaded; one that never loaded is retried on the next task, not in a loop.
      if (!this.closing && ready) this.spawn(slot);
      this.next(slot);
    };
    worker.on("error", (error) => lost(error.stack ?? error.message));
    worker.on("exit", (code) => {
      this.exited++;
      if (ready) this.threads--;
      lost(`the computing thread exited with code ${code}`);
    });
    return worker;
  }

  private next(slot: Slot): void {
    const job = this.waiting.shift();
    if (job) this.start(slot, job);
  }

  private expire(job: Job): void {
    const queued = this.waiting.indexOf(job);
    if (queued >= 0) this.waiting.splice(queued, 1);
    const slot = this.slots.find((s) => s.job === job);
    const computing = slot?.posted === true;
    if (slot) {
      slot.job = undefined;
      // A thread computing the job is stopped and replaced; one still loading is kept for the next job.
      if (computing) {
        void this.stop(slot);
        this.spawn(slot);
      }
    }
    this.fail(job, overBudget(job, this.settings.budgetMs, !computing));
    if (slot) this.next(slot);
  }

  private fail(job: Job, error: HttpProblem): void {
    clearTimeout(job.timer);
    job.reject(error);
  }

  /** Terminate a slot's thread, if it has one; its exit is then not a loss to report. */
  private stop(slot: Slot): Promise<unknown> {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.ready = false;
    return worker ? worker.terminate() : Promise.resolve();
  }
}

function overBudget(job: Job, budgetMs: number, waiting: boolean): HttpProblem {
  const entry = catalog.get(job.task.tool);
  const work = entry?.kind === "tool" ? entry.work : undefined;
  const less = work ? `ask for fewer ${work.param}` : "ask for less work (fewer cells, a narrower search)";
  const where = waiting ? "waiting for a computing thread" : "computing";
  return new HttpProblem(
    504,
    `${job.task.tool} ran out of the ${budgetMs / 1000} s one request may take (it was still ${where}); ${less}, split the request, or try again when the service is less busy`,
    [{ path: "", message: `the request must finish within ${budgetMs} ms (app setting ${POOL_SETTINGS.budgetMs.env})` }],
  );
}

/** What a client gets when the thread computing its request died: our failure, in the words of every other, logged with the reason. */
function lostReply(job: Job, why: string): ToolReply {
  return { ...asReply(responseForError(new Error(why), job.task.instance).response), unexpected: why };
}
