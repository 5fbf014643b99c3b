import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProcessingQueue } from '../../src/webhooks/processing-queue.js'

/** A table of stored events the lanes claim from, up to `batch` at a time (virtual time: fake timers). */
function storedEvents(batch: number) {
  const state = { stored: 0, processed: 0, batches: 0 }
  const queue = new ProcessingQueue(async () => {
    const claimed = Math.min(state.stored - state.processed, batch)
    if (claimed > 0) state.batches += 1
    state.processed += claimed
    return claimed
  }, 1, batch, 1000)
  const burst = async (deliveries: number, everyMs: number) => {
    for (let i = 0; i < deliveries; i += 1) {
      state.stored += 1
      queue.enqueue(`evt-${state.stored}`)
      await vi.advanceTimersByTimeAsync(everyMs)
    }
  }
  return { state, queue, burst }
}

describe('the webhook processing lanes (1 s gathering)', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }))
  afterEach(() => void vi.useRealTimers())

  it('process the last deliveries of a burst once they stop coming, not a whole gathering period later', async () => {
    const { state, burst } = storedEvents(50)
    await burst(30, 10)
    await vi.advanceTimersByTimeAsync(400)
    expect(state.processed).toBe(30)
  })

  it('still gather a sustained burst into few batches', async () => {
    const { state, queue, burst } = storedEvents(500)
    await burst(300, 10)
    await vi.advanceTimersByTimeAsync(1000)
    await queue.idle()
    expect(state.processed).toBe(300)
    expect(state.batches).toBeLessThanOrEqual(5)
  })
})
