/** "E-mails clients": every client e-mail with its state and payment, read-only for everyone (server-side). */
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const READER = { email: 'comptable@agence-glow.fr', password: 'demo-lecture-2026' }
const command = (body: object) => ({ body: JSON.stringify(body) })
const BASE = '/admin/api/resources/QontoEmailOutbox'

describe('the "E-mails clients" list', () => {
  const state = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })))

  it('shows the accountant a waiting e-mail, then the same e-mail cancelled by Maud, and nobody can edit, create or delete one', async () => {
    const maud = await loggedInAgent(state.app.app, MAUD)
    const payment = await state.db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'FACT-2026-145' } })
    const path = (action: string) => `/admin/api/resources/TransactionQonto/records/${payment.id}/${action}`
    const best = (await maud.post(path('associer')).send(command({ op: 'suggest' }))).body.suggestions[0]
    expect((await maud.post(path('associer')).send(command({ op: 'associate', mode: 'SUGGESTION', allocations: best.allocations }))).body.ok).toBe(true)

    const reader = await loggedInAgent(state.app.app, READER)
    const waiting = await reader.get(`${BASE}/actions/list?filters.transactionId=${payment.id}`)
    expect(waiting.body.records).toHaveLength(1)
    const row = waiting.body.records[0]
    expect(row.params).toMatchObject({ sujet: 'Facture FACT-2026-145 réglée', transactionId: payment.id })
    expect(row.params.etat).toMatch(/^En attente : part vers \d\d:\d\d \(Dissocier l'annule\)$/)
    expect(row.populated.transactionId.id).toBe(payment.id)
    // The payment in words, not its id.
    expect(row.populated.transactionId.title).toBe('540,00\u00a0€ · LES JARDINS DE SOPHIE · 24/11/2026')

    // What the page hides is not sent either: no outbox key, SMTP error or lease in the record.
    const hidden = ['cle', 'lastError', 'lockedUntil']
    for (const key of [...hidden, 'attempts']) expect(row.params).not.toHaveProperty(key)

    await maud.post(path('dissocier'))
    const shown = await reader.get(`${BASE}/records/${row.id}/show`)
    for (const key of hidden) expect(shown.body.record.params).not.toHaveProperty(key)
    expect(shown.body.record.params.etat).toMatch(/^Annulé le \d\d\/\d\d\/\d{4} à \d\d:\d\d par maud@test\.fr : ne partira pas$/)

    for (const agent of [maud, reader]) {
      const attempts = [
        agent.post(`${BASE}/records/${row.id}/edit`).send({ sujet: 'modifié' }),
        agent.post(`${BASE}/records/${row.id}/delete`),
        agent.post(`${BASE}/actions/new`).send({ destinataire: 'x@y.fr', sujet: 's', texte: 't', cle: 'k' }),
        agent.post(`${BASE}/actions/bulkDelete?recordIds=${row.id}`),
      ]
      for (const response of await Promise.all(attempts)) expect(JSON.stringify(response.body)).toMatch(/forbiddenError|ForbiddenError/)
    }
    expect(await state.db.prisma.qontoEmailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ sujet: 'Facture FACT-2026-145 réglée' })
    expect(await state.db.prisma.qontoEmailOutbox.count()).toBe(1)
  })
})
