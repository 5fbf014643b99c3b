/**
 * Drains the stored webhook events after the acknowledgement, in batches, a few lanes at a time.
 * The events table is the queue (storing an event enqueues it), so nothing depends on this object
 * surviving: `enqueue` only says "there is work", and the periodic retry picks up whatever a crashed
 * or stopped process left.
 */
export interface WebhookQueue {
  /** A delivery was stored: drain soon. */
  enqueue(id: string): void
  /** Resolves when this process has nothing left to do (tests, graceful shutdown). */
  idle(): Promise<void>
}

export class ProcessingQueue implements WebhookQueue {
  private running = 0
  private pending = false
  private idleWaiters: Array<() => void> = []

  /** `drainOnce` processes one batch and says how many events it claimed (0: nothing due). */
  constructor(
    private readonly drainOnce: () => Promise<number>,
    private readonly lanes = 2,
  ) {}

  enqueue(_id?: string): void {
    this.pending = true
    while (this.running < this.lanes) {
      this.running += 1
      void this.lane()
    }
  }

  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private async lane(): Promise<void> {
    try {
      for (;;) {
        this.pending = false
        const claimed = await this.drainOnce().catch(() => 0)
        if (claimed === 0 && !this.pending) break
      }
    } finally {
      this.running -= 1
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve()
    }
  }
}
