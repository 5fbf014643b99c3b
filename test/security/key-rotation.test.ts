/**
 * Issue 23 items 6 and 7: an encryption-key change keeps the stored Qonto secrets readable (the
 * previous key still opens them until they are re-sealed under the new one); a rotation or deletion
 * of the webhook secret in one process counts in another within a second; Déconnecter says what it
 * could not do at Qonto.
 */
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resealQontoSecrets } from '../../src/feed/secret-rotation.service.js'
import { disconnect } from '../../src/feed/qonto-connection.service.js'
import { storedWebhookSecrets, WEBHOOK_SECRET_SEAL_CONTEXT } from '../../src/feed/webhook-subscription.service.js'
import { CONNECTION_ID, SEALED } from '../../src/feed/qonto-access.service.js'
import { createSecretBox } from '../../src/qonto/secret-box.js'
import { testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

const OLD_KEY = randomBytes(32).toString('base64')
const NEW_KEY = randomBytes(32).toString('base64')
const SECRET = 'whsec_un-secret-de-webhook-assez-long'

describe.each(databaseKinds())('encryption-key rotation (%s)', (kind) => {
  let db: TestDatabase
  beforeEach(async () => {
    db = await createTestDatabase(kind)
    const old = createSecretBox(OLD_KEY)
    await db.prisma.qontoWebhookSubscription.create({ data: { id: 'sub-1', url: 'https://compta.exemple.fr/api/webhooks/qonto', types: ['v1/transactions'], secret: old.seal(SECRET, WEBHOOK_SECRET_SEAL_CONTEXT) } })
    await db.prisma.qontoConnection.create({
      data: { id: CONNECTION_ID, method: 'API_KEY', environment: 'production', status: 'CONNECTED', apiLogin: old.seal('agence-glow-1234', SEALED.apiLogin), secretKey: old.seal('cle-secrete', SEALED.secretKey) },
    })
  })
  afterEach(() => db.close())

  it('reads what the previous key sealed, re-seals it under the new key, then needs only the new key', async () => {
    // The new key alone: the secret sealed before the change opens with nothing (webhooks refused).
    expect(await storedWebhookSecrets(testContext(db, {}, { encryptionKey: NEW_KEY }))).toEqual([])
    const rotating = testContext(db, {}, { encryptionKey: NEW_KEY, previousEncryptionKeys: [OLD_KEY] })
    expect(await storedWebhookSecrets(rotating)).toEqual([SECRET])
    expect(await resealQontoSecrets(rotating)).toEqual({ resealed: 3, unreadable: [] })
    expect(await resealQontoSecrets(rotating)).toEqual({ resealed: 0, unreadable: [] })
    const after = testContext(db, {}, { encryptionKey: NEW_KEY })
    expect(await storedWebhookSecrets(after)).toEqual([SECRET])
    const row = await db.prisma.qontoConnection.findUniqueOrThrow({ where: { id: CONNECTION_ID } })
    expect(after.secretBox.open(row.secretKey!, SEALED.secretKey)).toBe('cle-secrete')
  })

  it('names what no configured key opens, without the values', async () => {
    const lost = testContext(db, {}, { encryptionKey: NEW_KEY })
    const report = await resealQontoSecrets(lost)
    expect(report.resealed).toBe(0)
    expect(report.unreadable.sort()).toEqual(['qonto_connections.apiLogin', 'qonto_connections.secretKey', 'qonto_webhook_subscriptions.secret'])
  })

  it('sees another process delete or rotate the secret within a second', async () => {
    const first = testContext(db, {}, { encryptionKey: OLD_KEY })
    const second = testContext(db, {}, { encryptionKey: OLD_KEY })
    const t0 = Date.now()
    expect(await storedWebhookSecrets(first, t0)).toEqual([SECRET])
    // The other process rotates: the new secret counts here a second later.
    await second.prisma.qontoWebhookSubscription.update({ where: { id: 'sub-1' }, data: { secret: second.secretBox.seal('whsec_le-nouveau-secret-du-webhook', WEBHOOK_SECRET_SEAL_CONTEXT) } })
    expect(await storedWebhookSecrets(first, t0 + 1_001)).toEqual(['whsec_le-nouveau-secret-du-webhook'])
    // …and deletes it (Déconnecter): no secret is accepted here a second later.
    await second.prisma.qontoWebhookSubscription.deleteMany({})
    expect(await storedWebhookSecrets(first, t0 + 2_002)).toEqual([])
  })

  it('Déconnecter says what it could not do at Qonto', async () => {
    await db.prisma.qontoWebhookSubscription.deleteMany({})
    const lostKey = createSecretBox(randomBytes(32))
    await db.prisma.qontoConnection.update({ where: { id: CONNECTION_ID }, data: { method: 'OAUTH', refreshToken: lostKey.seal('refresh', SEALED.refreshToken), apiLogin: null, secretKey: null } })
    const ctx = testContext(db, {}, { encryptionKey: NEW_KEY, qontoOAuth: { clientId: 'client', clientSecret: 'secret', redirectUri: 'https://compta.exemple.fr/qonto/oauth/callback' } })
    const result = await disconnect(ctx, { userId: null, label: 'maud@agence-glow.fr' })
    expect(result.leftAtQonto).toEqual(['l’autorisation OAuth n’a pas pu être révoquée chez Qonto (à retirer dans Qonto, Paramètres › Intégrations)'])
    expect((await db.prisma.qontoConnection.findUniqueOrThrow({ where: { id: CONNECTION_ID } })).refreshToken).toBeNull()
  })
})
