/**
 * Issues 13 and 23 (item 9): random list, filter, sort and search parameters never make the panel
 * answer 500, over every resource and both roles: filters on fields a resource lacks, sorts on
 * `__proto__`, 5- and 6-digit years… are a French 400 (or an empty answer), and change nothing.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const ACCOUNTANT = { email: 'comptable@agence-glow.fr', password: 'demo-lecture-2026' }
/** Names no resource has, some of them JavaScript's own. */
const FOREIGN_FIELDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope', 'montant.x', 'marque.nom', 'passwordHash', '']
const YEARS = ['12026-01-01', '202611-01-01', '99999-12-31T23:59:59Z', '123456-01-01', '0000-01-01', '-2026-01-01', '2026-13-45']
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '-1', '1e309', 'NaN', 'infinity', '9999-99-99', "'; DROP TABLE x; --", '%', '_', '\\', '{}', '[]', 'null', 'true', '0x10', '٣', '__proto__', ...YEARS),
)

describe('fuzzed list and search parameters', () => {
  const test = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })))

  it('never answer 500, whatever the resource, the field or the role', async () => {
    const resources = Object.fromEntries(
      test.app.admin.resources.map((resource) => {
        const decorated = resource.decorate()
        return [decorated.id(), decorated.getProperties({ where: 'list' }).map((p) => p.propertyPath)]
      }),
    ) as Record<string, string[]>
    expect(Object.keys(resources).length).toBeGreaterThanOrEqual(8)
    const agents = [await loggedInAgent(test.app.app, MAUD), await loggedInAgent(test.app.app, ACCOUNTANT)]
    const before = await test.db.prisma.transactionQonto.count()
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(resources)),
        fc.nat(1),
        fc.array(fc.tuple(fc.constantFrom('sortBy', 'direction', 'page', 'perPage', 'filter', 'from', 'to'), fc.nat(20), fc.boolean(), nasty), { maxLength: 4 }),
        nasty,
        async (resource, role, params, searchText) => {
          const own = resources[resource]!
          const query = new URLSearchParams()
          for (const [kind, n, foreign, value] of params) {
            const field = foreign ? FOREIGN_FIELDS[n % FOREIGN_FIELDS.length]! : own[n % own.length]!
            if (kind === 'filter') query.append(`filters.${field}`, value)
            else if (kind === 'from' || kind === 'to') query.append(`filters.${field}~~${kind}`, value)
            else query.append(kind, kind === 'sortBy' ? (n % 3 === 0 ? '__proto__' : field) : value)
          }
          const agent = agents[role]!
          const list = await agent.get(`/admin/api/resources/${resource}/actions/list?${query}`)
          if (list.status >= 500) failures.push(`${role} list ${resource}?${query} → ${list.status}`)
          else if (list.status === 400) expect(list.text, `${resource}?${query}`).toMatch(/^Requête invalide/)
          const search = await agent.get(`/admin/api/resources/${resource}/search/${encodeURIComponent(searchText)}`)
          if (search.status >= 500) failures.push(`${role} search ${resource} ${JSON.stringify(searchText)} → ${search.status}`)
        },
      ),
      // A fixed seed keeps CI reproducible; change it (or drop it) to explore other inputs.
      { numRuns: 300, seed: 20261203 },
    )
    expect(failures).toEqual([])
    expect(await test.db.prisma.transactionQonto.count()).toBe(before)
  })

  it.each([
    ['a filter on a field the resource lacks', '/admin/api/resources/Marque/actions/list?filters.montant=12'],
    ['a sort on __proto__', '/admin/api/resources/Document/actions/list?sortBy=__proto__'],
    ['a 5-digit year', '/admin/api/resources/TransactionQonto/actions/list?filters.dateTransaction~~from=12026-01-01'],
    ['a 6-digit year', '/admin/api/resources/Document/actions/list?filters.dateEmission~~to=202611-01-01'],
    ['a value outside an enumeration', '/admin/api/resources/Document/actions/list?filters.statut=INCONNU'],
  ])('answers %s with a French 400', async (_what, path) => {
    const agent = await loggedInAgent(test.app.app, MAUD)
    const response = await agent.get(path)
    expect(response.status).toBe(400)
    expect(response.text).toMatch(/^Requête invalide : /)
  })

  it.each([
    '/admin/api/resources/TransactionQonto/actions/list?filters.aRapprocher=true&sortBy=dateTransaction&direction=desc',
    '/admin/api/resources/Document/actions/list?filters.statut=ENVOYE&filters.dateEmission~~from=2026-01-01&filters.dateEmission~~to=2026-12-31T23:59:59.999Z',
    '/admin/api/resources/Marque/actions/list?filters.nom=glow&sortBy=nom',
    '/admin/api/resources/Notification/actions/list?filters.lu=false',
  ])('still serves the filters the panel uses: %s', async (path) => {
    const agent = await loggedInAgent(test.app.app, MAUD)
    expect((await agent.get(path)).status).toBe(200)
  })
})
