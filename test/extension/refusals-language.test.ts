/**
 * A refusal of a use-case (Associer over what is left, Dissocier of a payment matched to nothing…)
 * reads in the panel's language: English on an English host, with English amounts (€1,500.01),
 * French on a French host (and by default). Every refusal code has both texts.
 */
import { ComponentLoader } from 'adminjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { syncFailureMessage } from '../../src/admin/actions/sync-qonto.action.js'
import { ReconciliationError } from '../../src/errors.js'
import { SyncAlreadyRunningError } from '../../src/feed/sync.service.js'
import { ERROR_TEXTS, errorText, type ErrorCode, type ErrorParams } from '../../src/i18n/error-texts.js'
import { createReconciliation } from '../../src/index.js'
import { hostOptions } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const ADMIN = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
type Handler = (request: unknown, response: unknown, context: unknown) => Promise<Record<string, unknown>>
/** Values for every code whose text takes some (the type makes a new one listed here). */
const SAMPLES: { [K in ErrorCode as ErrorParams<K> extends [] ? never : K]: ErrorParams<K> } = {
  paymentOverAllocated: [150001, 150000],
  invoiceNotOpen: ['F-1', 'PAYE'],
  currencyMismatch: ['F-1', 'USD', 'EUR'],
  alreadyMatchedTo: ['F-1'],
  invoiceOverAllocated: ['F-1', 200, 100],
  writeOffOverLimit: [600, 'F-1', 500],
  writeOffMismatch: ['F-1', 1000, 900],
  autoReconcileChanged: [2, 123456],
  creditOfAnotherClient: [null],
  invoiceNothingToPay: ['F-1'],
  alreadyIgnored: ['REMBOURSEMENT'],
  rulePaymentsChanged: [2],
  closeOnlyPast: ['2026-12-03', '2026-12-02'],
  alreadyClosed: ['2026-12-03'],
  bankAccountUnknown: ['acc-1'],
}

describe('refusals in the reader’s language', () => {
  let db: TestDatabase
  let admin: { id: string; email: string; role: string }
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await seedDemoData(db.prisma, { adminEmail: ADMIN.email, adminPassword: ADMIN.password })
    admin = (await db.prisma.user.findUniqueOrThrow({ where: { email: ADMIN.email } })) as never
  }, 120_000)
  afterAll(async () => db?.close())

  it('every refusal code has a French and an English text, the English free of French', () => {
    const codes = Object.keys(ERROR_TEXTS) as ErrorCode[]
    expect(codes.length).toBeGreaterThan(40)
    for (const code of codes) {
      const params = (SAMPLES as Record<string, unknown[]>)[code] ?? []
      const french = errorText('fr', code, params)
      const english = errorText('en', code, params)
      expect(french, code).toBeTruthy()
      expect(english, code).toBeTruthy()
      expect(english, code).not.toBe(french)
      expect(english, code).not.toMatch(/[àâçéèêîôû«»]|\b(le|la|les|des|du|paiement|facture|réglée|transaction est)\b/)
    }
  })

  it('keeps the French text as the message and the code and values for the caller', () => {
    const error = new ReconciliationError('paymentOverAllocated', 150001, 150000)
    expect(error.message).toBe('Montant affecté (1\u202f500,01\u00a0€) supérieur au reste à affecter de la transaction (1\u202f500,00\u00a0€).')
    expect(error.in('en')).toBe('Allocated amount (€1,500.01) above what is left to allocate on the transaction (€1,500.00).')
    expect(error.code).toBe('paymentOverAllocated')
    expect(error.params).toEqual([150001, 150000])
    const closed = new ReconciliationError('alreadyClosed', '2026-12-03')
    expect(closed.in('en')).toBe('The period is already closed through 3 Dec 2026: a closing never goes back.')
    expect(closed.message).toBe('La période est déjà close jusqu’au 03/12/2026 : une clôture ne revient jamais en arrière.')
  })

  async function refusals(hostLanguage: string | undefined) {
    const reconciliation = createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() })
    if (hostLanguage) reconciliation.locale({ language: hostLanguage, availableLanguages: [hostLanguage] })
    const actions = (reconciliation.resources as unknown as Array<{ options: { id: string; actions: Record<string, { handler: Handler }> } }>)
      .find((r) => r.options.id === 'TransactionQonto')!.options.actions
    const call = async (action: string, transactionId: string, body?: object) => {
      const record = { id: () => transactionId, param: () => undefined, toJSON: () => ({ id: transactionId, params: {}, recordActions: [] }) }
      const context = { record, currentAdmin: admin, action: { name: action, toJSON: () => ({ name: action }) }, resource: { findOne: async () => null } }
      return actions[action]!.handler({ method: 'post', payload: body ? { body: JSON.stringify(body) } : {} }, {}, context)
    }
    const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'VIR SEPA FACT-2026-110 MERCI' } })
    const invoice = await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-110' } })
    const over = await call('associer', payment.id, { op: 'associate', allocations: [{ invoiceId: String(invoice.id), amountCents: 150001 }], mode: 'MANUEL', confirmed: true })
    const undo = await call('dissocier', payment.id)
    await reconciliation.stop()
    return { over: (over.notice as { type: string; message: string }), undo: undo as { ok: boolean; message: string } }
  }

  it('an English host reads Associer and Dissocier refusals in English, with English amounts', async () => {
    const { over, undo } = await refusals('en')
    expect(over).toEqual({ type: 'error', message: 'Allocated amount (€1,500.01) above what is left to allocate on the transaction (€1,500.00).' })
    expect(undo).toMatchObject({ ok: false, message: 'This transaction is not matched to any invoice.' })
  })

  it('a French host, and a host that gives no locale, read them in French', async () => {
    for (const language of ['fr', undefined]) {
      const { over, undo } = await refusals(language)
      expect(over).toEqual({ type: 'error', message: 'Montant affecté (1\u202f500,01\u00a0€) supérieur au reste à affecter de la transaction (1\u202f500,00\u00a0€).' })
      expect(undo).toMatchObject({ ok: false, message: "Cette transaction n'est associée à aucune facture." })
    }
  })

  it('an English host: the success notice names the write-off in English, the client e-mail has English amounts and day', async () => {
    const reconciliation = createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() })
    reconciliation.locale({ language: 'en', availableLanguages: ['en'] })
    const associer = (reconciliation.resources as unknown as Array<{ options: { id: string; actions: Record<string, { handler: Handler }> } }>)
      .find((r) => r.options.id === 'TransactionQonto')!.options.actions.associer!
    const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'VIR SEPA FACT-2026-110 MERCI' } })
    const invoice = await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-110' } })
    const record = { id: () => payment.id, param: () => undefined, toJSON: () => ({ id: payment.id, params: {}, recordActions: [] }) }
    const context = { record, currentAdmin: admin, action: { name: 'associer', toJSON: () => ({ name: 'associer' }) }, resource: { findOne: async () => null } }
    const body = { op: 'associate', allocations: [{ invoiceId: String(invoice.id), amountCents: 149950 }], writeOffs: [{ invoiceId: String(invoice.id), amountCents: 50, motif: 'FRAIS_BANCAIRES' }], mode: 'MANUEL', confirmed: true }
    const done = await associer.handler({ method: 'post', payload: { body: JSON.stringify(body) } }, {}, context)
    expect((done.notice as { message: string }).message).toBe('Payment matched to FACT-2026-110 (paid). Write-off of €0.50 (bank fees, account 627000) on FACT-2026-110.')
    const email = await db.prisma.qontoEmailOutbox.findFirstOrThrow({ where: { transactionId: payment.id } })
    expect(email.sujet).toBe('Invoice FACT-2026-110 paid')
    // The audit line written from now on is in the host's language (no `language` option here).
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'ASSOCIATION' } })
    expect((audit.details as { ecarts: Array<{ libelle: string }> }).ecarts[0]!.libelle).toBe('Write-off of €0.50 (bank fees, account 627000) on FACT-2026-110')
    expect(email.texte).toMatch(/We have received your payment of €1,499\.50 for invoice FACT-2026-110 \(payment of \d{1,2} [A-Z][a-z]{2} \d{4}\)/)
    await reconciliation.stop()
  })

  it('the Qonto feed’s refusals (bank accounts, webhook subscription, a sync already running) read in the panel’s language', async () => {
    async function bankAccounts(hostLanguage: string | undefined) {
      const reconciliation = createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() })
      if (hostLanguage) reconciliation.locale({ language: hostLanguage, availableLanguages: [hostLanguage] })
      const action = (reconciliation.resources as unknown as Array<{ options: { id: string; actions: Record<string, { handler: Handler }> } }>)
        .find((r) => r.options.id === 'QontoBankAccount')!.options.actions.comptesBancaires!
      const context = { currentAdmin: admin }
      const post = (body: object) => action.handler({ method: 'post', payload: { body: JSON.stringify(body) } }, {}, context)
      const unknown = await post({ op: 'choose', accounts: [{ id: 'compte-inconnu', reconcile: true }] })
      const webhook = await post({ op: 'ensure-webhook' })
      const refresh = await post({ op: 'refresh' })
      const invalid = await post({ op: 'choose' })
      await reconciliation.stop()
      return { unknown: unknown.message, webhook: webhook.message, unavailable: webhook.webhookUnavailable, refresh: refresh.message, invalid: String(invalid.message).split(':')[0] }
    }
    expect(await bankAccounts('en')).toEqual({
      unknown: 'Unknown Qonto account: compte-inconnu. Refresh the list of accounts.',
      webhook: 'Qonto is not connected: connect Qonto before subscribing to webhooks.',
      unavailable: 'Qonto is not connected: connect Qonto before subscribing to webhooks.',
      refresh: 'Qonto is not connected: the accounts cannot be listed.',
      invalid: 'Invalid request',
    })
    for (const language of ['fr', undefined]) {
      expect(await bankAccounts(language)).toEqual({
        unknown: 'Compte Qonto inconnu : compte-inconnu. Actualisez la liste des comptes.',
        webhook: "Qonto n'est pas connecté : connectez Qonto avant de vous abonner aux webhooks.",
        unavailable: "Qonto n'est pas connecté : connectez Qonto avant de vous abonner aux webhooks.",
        refresh: "Qonto n'est pas connecté : impossible de lister les comptes.",
        invalid: 'Requête invalide ',
      })
    }
    expect(syncFailureMessage(new SyncAlreadyRunningError(), 'en')).toBe('A Qonto sync is already running: try again in a moment.')
    expect(syncFailureMessage(new SyncAlreadyRunningError())).toBe('Une synchronisation Qonto est déjà en cours : réessayez dans un instant.')
  })
})
