import type { Db } from '../../db/connect.js';
import { writeBatch, type NewResponse, type WriteResult } from './write-batch.js';

export type { NewResponse, WriteResult };

interface Pending {
  item: NewResponse;
  resolve(result: WriteResult): void;
  reject(err: unknown): void;
}

/**
 * Group commit: requests that arrive while a transaction is in flight wait for the next one,
 * so one commit (and one fsync) serves many responses. Each caller's promise settles only
 * after the commit that holds its response, so a 2xx always means durable. On PostgreSQL two
 * batches may be in flight at once (one inserting while the other commits); PGlite has one
 * connection, so one.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private inflight = 0;
  private scheduled = false;
  private idle: (() => void)[] = [];
  /** Figures for benchmarks and health: how many batches, how many responses. */
  readonly stats = { batches: 0, responses: 0, maxBatch: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  write(item: NewResponse): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is committed (graceful shutdown). */
  flush(): Promise<void> {
    if (!this.queue.length && !this.inflight && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private get concurrency() {
    return this.options.concurrency ?? (this.db.backend === 'postgres' ? 2 : 1);
  }

  private schedule() {
    if (this.scheduled || this.inflight >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    // Let every request parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatch();
    });
  }

  private startBatch() {
    if (!this.queue.length || this.inflight >= this.concurrency) return this.checkIdle();
    const batch = this.queue.splice(0, this.options.maxBatch ?? 1000);
    this.inflight++;
    void this.runBatch(batch).finally(() => {
      this.inflight--;
      this.schedule();
      this.checkIdle();
    });
    this.schedule();
  }

  private checkIdle() {
    if (this.queue.length || this.inflight || this.scheduled) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async runBatch(batch: Pending[]) {
    try {
      const results = await writeBatch(this.db.kysely, batch.map((p) => p.item));
      this.stats.batches++;
      this.stats.responses += batch.length;
      this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      await this.isolateFailure(batch, err);
    }
  }

  /** One bad response must not fail its neighbours: retry them one by one. */
  private async isolateFailure(batch: Pending[], err: unknown) {
    if (batch.length === 1) {
      batch[0]!.reject(err);
      return;
    }
    for (const p of batch) {
      try {
        const [result] = await writeBatch(this.db.kysely, [p.item]);
        p.resolve(result!);
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

