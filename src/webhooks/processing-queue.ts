import type { TransactionRecord } from '../qonto/mapping.js'

/**
 * Drains the stored webhook events after the acknowledgement, in batches, a few lanes at a time.
 * The events table is the queue (storing an event enqueues it), so nothing depends on this object
 * surviving: `enqueue` only says "there is work", and the periodic retry picks up whatever a crashed
 * or stopped process left.
 */
export interface WebhookQueue {
  /** A delivery was stored: drain soon. `record`, when given, is its validated transaction (processed without reading the payload back). */
  enqueue(id: string, record?: TransactionRecord): void
  /** Resolves when this process has nothing left to do (tests, graceful shutdown). */
  idle(): Promise<void>
}

export class ProcessingQueue implements WebhookQueue {
  private running = 0
  private pending = false
  private lastEnqueueAt = 0
  private idleWaiters: Array<() => void> = []

  /**
   * `drainOnce` processes one batch of up to `batchSize` and says how many events it claimed (0: nothing
   * due). After a batch that was not full a lane waits `gatherMs` before claiming again: under a burst,
   * fewer and larger batches (one transaction and one matcher pass each) leave the CPU to acceptance.
   * The wait ends early once no delivery arrived for `quietMs`: the burst is over, nothing more will
   * gather, and its last events are processed then rather than a whole `gatherMs` later.
   */
  constructor(
    private readonly drainOnce: () => Promise<number>,
    private readonly lanes = 2,
    private readonly batchSize = 100,
    private readonly gatherMs = 100,
    private readonly quietMs = 250,
  ) {}

  enqueue(_id?: string): void {
    this.pending = true
    this.lastEnqueueAt = performance.now()
    while (this.running < this.lanes) {
      this.running += 1
      void this.lane()
    }
  }

  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Waits up to `gatherMs` for deliveries to gather, less once they stop coming. */
  private async gather(): Promise<void> {
    const start = performance.now()
    for (;;) {
      const now = performance.now()
      const left = this.gatherMs - (now - start)
      const quietFor = now - this.lastEnqueueAt
      if (left <= 0 || quietFor >= this.quietMs) return
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, this.quietMs - quietFor)))
    }
  }

  private async lane(): Promise<void> {
    try {
      for (;;) {
        this.pending = false
        const claimed = await this.drainOnce().catch(() => 0)
        if (claimed === 0 && !this.pending) break
        if (claimed < this.batchSize) await this.gather()
      }
    } finally {
      this.running -= 1
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve()
    }
  }
}
