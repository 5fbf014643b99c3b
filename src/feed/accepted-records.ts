/**
 * The transaction records of the deliveries this process accepted, kept from the acceptance (where the
 * body was validated and converted) until a processing lane takes them: the stored payload is then
 * neither read back nor validated a second time. Only a shortcut: an event another process accepted, or
 * one accepted before a restart, is read from the table and validated there as before. Bounded in count
 * and in age (a record another process's lane made useless is dropped): past either, the event is
 * processed the long way.
 */
import type { TransactionRecord } from '../qonto/mapping.js'

export class AcceptedRecords {
  private readonly records = new Map<string, { record: TransactionRecord; keptAt: number }>()

  constructor(
    private readonly max = 10_000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.records.size
  }

  keep(eventId: string, record: TransactionRecord): void {
    const now = this.now()
    // Oldest first (insertion order): drop what is too old, then what is too many.
    for (const [id, kept] of this.records) {
      if (this.records.size < this.max && now - kept.keptAt <= this.maxAgeMs) break
      this.records.delete(id)
    }
    this.records.set(eventId, { record, keptAt: now })
  }

  /** The record of an event accepted here, once: whoever takes it processes (or retries) the event. */
  take(eventId: string): TransactionRecord | undefined {
    const kept = this.records.get(eventId)
    if (!kept) return undefined
    this.records.delete(eventId)
    return this.now() - kept.keptAt <= this.maxAgeMs ? kept.record : undefined
  }
}
