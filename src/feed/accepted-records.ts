/**
 * The transaction records of the deliveries this process accepted, kept from the acceptance (where the
 * body was validated and converted) until a processing lane takes them: the stored payload is then
 * neither read back nor validated a second time. Only a shortcut: an event another process accepted, or
 * one accepted before a restart, is read from the table and validated there as before. Bounded: past
 * `max` records the oldest are dropped (their events are processed the long way).
 */
import type { TransactionRecord } from '../qonto/mapping.js'

export class AcceptedRecords {
  private readonly records = new Map<string, TransactionRecord>()

  constructor(private readonly max = 10_000) {}

  get size(): number {
    return this.records.size
  }

  keep(eventId: string, record: TransactionRecord): void {
    if (this.records.size >= this.max) this.records.delete(this.records.keys().next().value!)
    this.records.set(eventId, record)
  }

  /** The record of an event accepted here, once: whoever takes it processes (or retries) the event. */
  take(eventId: string): TransactionRecord | undefined {
    const record = this.records.get(eventId)
    if (record) this.records.delete(eventId)
    return record
  }
}
