import { QontoClient, type RetryPolicy } from '../../src/qonto/client.js'
import { databaseWithMaud } from './context.js'
import type { DatabaseKind, TestDatabase } from './databases.js'
import { STAND_IN_ACCOUNT, STAND_IN_CREDENTIALS, startQontoStandIn, type StandIn } from './qonto-stand-in.js'

/** A client of the stand-in's account with its API key; `retry`: tests wait milliseconds between attempts, not seconds. */
export function standInClient(standIn: StandIn, retry: RetryPolicy): QontoClient {
  return new QontoClient(
    { baseUrl: standIn.url, auth: { kind: 'api-key', login: STAND_IN_CREDENTIALS.login, secretKey: STAND_IN_CREDENTIALS.secretKey }, account: { bankAccountId: STAND_IN_ACCOUNT.id } },
    retry,
  )
}

/** Where a sync test starts: Maud's database and context, a Qonto stand-in with no transactions yet, and a client of it. */
export async function openSyncFixture(kind: DatabaseKind, retry: RetryPolicy) {
  const { db, ctx } = await databaseWithMaud(kind)
  const standIn = await startQontoStandIn()
  return { db, ctx, standIn, client: standInClient(standIn, retry) }
}

export async function closeSyncFixture(standIn: StandIn | undefined, db: TestDatabase | undefined) {
  await standIn?.close()
  await db?.close()
}
