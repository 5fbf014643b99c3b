/**
 * Runs webhook processing after the acknowledgement, a few at a time. Nothing depends on this queue
 * surviving: events are already stored, and the periodic retry picks up whatever it did not finish.
 */
export class ProcessingQueue {
  private readonly waiting: string[] = []
  private readonly queued = new Set<string>()
  private running = 0
  private idleWaiters: Array<() => void> = []

  constructor(
    private readonly work: (id: string) => Promise<unknown>,
    private readonly concurrency = 4,
  ) {}

  enqueue(id: string): void {
    if (this.queued.has(id)) return
    this.queued.add(id)
    this.waiting.push(id)
    this.drain()
  }

  /** Resolves when nothing is waiting or running (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!
      this.running += 1
      void this.work(id)
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1
          this.queued.delete(id)
          this.drain()
          if (this.running === 0 && this.waiting.length === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve()
          }
        })
    }
  }
}
