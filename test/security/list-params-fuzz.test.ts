/** Issue 13: random list, filter, sort and search parameters never make the panel answer 500, and change nothing. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const RESOURCES: Record<string, string[]> = {
  TransactionQonto: ['montant', 'dateTransaction', 'emetteur', 'statut', 'sens', 'associe', 'reference'],
  QontoAllocation: ['montant', 'mode', 'createdAt', 'transaction', 'facture'],
  QontoAuditLog: ['date', 'action', 'automatique', 'transactionId'],
  Document: ['reference', 'montantTTC', 'statut', 'type', 'dateEmission', 'marque'],
  Marque: ['nom', 'emailContact'],
  Notification: ['date', 'lu', 'type'],
}
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '-1', '1e309', 'NaN', 'infinity', '9999-99-99', "'; DROP TABLE x; --", '%', '_', '\\', '{}', '[]', 'null', 'true', '0x10', '٣'),
)

describe('fuzzed list and search parameters', () => {
  const test = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })))

  it('never answer 500', async () => {
    const agent = await loggedInAgent(test.app.app, MAUD)
    const before = await test.db.prisma.transactionQonto.count()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(RESOURCES)),
        fc.array(fc.tuple(fc.constantFrom('sortBy', 'direction', 'page', 'perPage', 'filter'), fc.nat(10), nasty), { maxLength: 4 }),
        nasty,
        async (resource, params, searchText) => {
          const query = new URLSearchParams()
          for (const [kind, n, value] of params) {
            const field = RESOURCES[resource]![n % RESOURCES[resource]!.length]!
            query.append(kind === 'filter' ? `filters.${field}` : kind, value)
          }
          const list = await agent.get(`/admin/api/resources/${resource}/actions/list?${query}`)
          expect(list.status, `${resource} ${query}`).toBeLessThan(500)
          const search = await agent.get(`/admin/api/resources/${resource}/search/${encodeURIComponent(searchText)}`)
          expect(search.status, `search ${JSON.stringify(searchText)}`).toBeLessThan(500)
        },
      ),
      // A fixed seed keeps CI reproducible; change it (or drop it) to explore other inputs.
      { numRuns: 200, seed: 20261124 },
    )
    expect(await test.db.prisma.transactionQonto.count()).toBe(before)
  })
})
