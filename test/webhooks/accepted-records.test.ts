import { describe, expect, it } from 'vitest'
import { AcceptedRecords } from '../../src/feed/accepted-records.js'
import type { TransactionRecord } from '../../src/qonto/mapping.js'

const record = (qontoId: string) => ({ qontoId }) as TransactionRecord

describe('the records of deliveries this process accepted', () => {
  it('hands each record over once', () => {
    const accepted = new AcceptedRecords()
    accepted.keep('evt-1', record('tx-1'))
    expect(accepted.take('evt-1')?.qontoId).toBe('tx-1')
    expect(accepted.take('evt-1')).toBeUndefined()
  })

  it('stays bounded when another process processes what this one accepted: oldest dropped past the count or the age', () => {
    let now = 0
    const accepted = new AcceptedRecords(3, 1000, () => now)
    for (const n of [1, 2, 3, 4]) accepted.keep(`evt-${n}`, record(`tx-${n}`))
    expect(accepted.size).toBe(3)
    expect(accepted.take('evt-1')).toBeUndefined()
    now = 1500
    accepted.keep('evt-5', record('tx-5'))
    expect(accepted.size).toBe(1)
    expect(accepted.take('evt-5')?.qontoId).toBe('tx-5')
  })
})
