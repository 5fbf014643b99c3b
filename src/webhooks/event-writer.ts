/**
 * Group commit for webhook deliveries: a delivery is stored before it is acknowledged, but deliveries
 * arriving while a write is in flight wait for it and are then stored together in one statement. No
 * delay is added when nothing else is waiting; under a burst, one round trip stores many deliveries.
 */
import type { ReconciliationContext } from '../context.js'
import { storeEvents, type StoreOutcome } from '../feed/webhook-events.service.js'
import type { WebhookEnvelope } from './payload.js'

const MAX_BATCH = 200

interface Waiting {
  envelope: WebhookEnvelope
  rejectedReason?: string
  resolve(outcome: StoreOutcome): void
  reject(error: unknown): void
}

export interface EventWriter {
  store(envelope: WebhookEnvelope, rejectedReason?: string): Promise<StoreOutcome>
}

export function createEventWriter(ctx: ReconciliationContext): EventWriter {
  let waiting: Waiting[] = []
  let writing = false

  async function flush(): Promise<void> {
    writing = true
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH)
      waiting = waiting.slice(batch.length)
      try {
        const outcomes = await storeEvents(ctx, batch)
        batch.forEach((item, i) => item.resolve(outcomes[i]!))
      } catch (error) {
        for (const item of batch) item.reject(error)
      }
    }
    writing = false
  }

  return {
    store(envelope, rejectedReason) {
      return new Promise<StoreOutcome>((resolve, reject) => {
        waiting.push({ envelope, rejectedReason, resolve, reject })
        if (!writing) void flush()
      })
    },
  }
}
