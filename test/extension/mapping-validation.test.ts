/**
 * Mistakes in the mapping and options stop createReconciliation at start with one message naming
 * the option and the valid choices, instead of breaking a webhook, the dashboard or suggestions
 * later: `where` fields and enum values, the client foreign key, notification fields, nested option
 * keys (fec, qonto, logger). A host without a partly-paid status is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContext } from '../../src/context.js'
import { ReconciliationConfigError } from '../../src/errors.js'
import { notificationModel } from '../../src/host/notifications.js'
import type { CoreOptions } from '../../src/options.js'
import { hostOptions } from '../helpers/context.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

describe('the mapping and options checked against the host schema at start', () => {
  let db: TestDatabase
  let base: CoreOptions
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    base = hostOptions(db)
  }, 120_000)
  afterAll(async () => db?.close())

  const start = (change: (options: CoreOptions) => CoreOptions) => () => createContext(change({ ...base, invoices: structuredClone(base.invoices) }))
  const recipients = (where: Record<string, unknown>) =>
    notificationModel({ model: 'Notification', fields: { user: 'userId', type: 'type', title: 'titre', message: 'message', link: 'lien', read: 'lu' }, recipients: { model: 'User', where } })

  it("the reference host's own options pass", () => {
    expect(() => createContext(base)).not.toThrow()
  })

  it('an unknown field in notifications.recipients.where, named with the fields there are', () => {
    expect(start((o) => ({ ...o, notifications: recipients({ isAdmin: true }) }))).toThrow(
      /notifications\.recipients\.where : le champ « isAdmin » n'existe pas sur le modèle « User » \(champs : id, .*role.*\)/,
    )
  })

  it('a where value the enum lacks, with its values; a value of the wrong type', () => {
    expect(start((o) => ({ ...o, notifications: recipients({ role: 'ADMINISTRATEUR' }) }))).toThrow(
      /notifications\.recipients\.where\.role : la valeur "ADMINISTRATEUR" n'existe pas dans l'énumération Role \(valeurs : ADMIN, LECTEUR\)/,
    )
    expect(start((o) => ({ ...o, notifications: recipients({ actif: 'oui' }) }))).toThrow(/notifications\.recipients\.where\.actif : la valeur "oui" ne convient pas au champ « actif » de type Boolean/)
    expect(start((o) => ({ ...o, invoices: { ...o.invoices, where: { type: { in: ['FACTURE', 'FACTURES'] } } } }))).toThrow(
      /invoices\.where\.type : la valeur "FACTURES" n'existe pas dans l'énumération TypeDocument \(valeurs : .*FACTURE.*\)/,
    )
    expect(start((o) => ({ ...o, invoices: { ...o.invoices, where: { type: { contains: 'FACT' } as never } } }))).toThrow(/invoices\.where\.type/)
  })

  it('a client field that is not the foreign key to the client model, naming the one that is', () => {
    expect(start((o) => ({ ...o, invoices: { ...o.invoices, fields: { ...o.invoices.fields, client: 'reference' } } }))).toThrow(
      /invoices\.fields\.client : « reference » n'est pas la clé étrangère de « Document » vers « Marque » \(clé étrangère : marqueId\)/,
    )
  })

  it('notification fields of the wrong type, or a user field that is no foreign key to the recipients', () => {
    const notifications = (fields: Record<string, string>) => notificationModel({ model: 'Notification', fields: { user: 'userId', title: 'titre', message: 'message', ...fields }, recipients: { model: 'User' } })
    expect(start((o) => ({ ...o, notifications: notifications({ read: 'titre' }) }))).toThrow(/notifications\.fields\.read : le champ « titre » de « Notification » est de type String, attendu Boolean/)
    expect(start((o) => ({ ...o, notifications: notifications({ user: 'titre' }) }))).toThrow(/notifications\.fields\.user : « titre » n'est pas la clé étrangère de « Notification » vers « User »/)
  })

  it('unknown keys inside fec, qonto and logger, and a logger without its methods', () => {
    expect(start((o) => ({ ...o, fec: { journalCod: 'BQ' } as never }))).toThrow(/fec : Clé non reconnue : « journalCod »|fec : .*journalCod/)
    expect(start((o) => ({ ...o, fec: { bankAccount: 'banque' } }))).toThrow(/fec\.bankAccount : numéro de compte attendu/)
    expect(start((o) => ({ ...o, qonto: { baseUrl: 'https://thirdparty.qonto.com', auth: { kind: 'api-key', login: 'l', secretKey: 's' }, acount: { iban: 'FR76' } } as never }))).toThrow(/qonto : .*acount/)
    expect(start((o) => ({ ...o, qonto: { baseUrl: 'https://thirdparty.qonto.com', auth: { kind: 'token', value: 'x' } } as never }))).toThrow(/qonto\.auth/)
    expect(start((o) => ({ ...o, logger: { log: () => undefined } as never }))).toThrow(/logger : logger attendu : un objet avec debug, info, warn et error/)
  })

  it('each error in French then English, naming the same option and the same valid choices', () => {
    const error = (change: (options: CoreOptions) => CoreOptions) => {
      try {
        start(change)()
      } catch (caught) {
        return caught as ReconciliationConfigError
      }
      throw new Error('no error')
    }
    const enumValue = error((o) => ({ ...o, notifications: recipients({ role: 'ADMINISTRATEUR' }) }))
    expect(enumValue).toBeInstanceOf(ReconciliationConfigError)
    expect(enumValue.french).toBe("notifications.recipients.where.role : la valeur \"ADMINISTRATEUR\" n'existe pas dans l'énumération Role (valeurs : ADMIN, LECTEUR).")
    expect(enumValue.english).toBe('notifications.recipients.where.role: the value "ADMINISTRATEUR" does not exist in the enum Role (values: ADMIN, LECTEUR).')
    expect(enumValue.message).toBe(`${enumValue.french}\n${enumValue.english}`)
    const foreignKey = error((o) => ({ ...o, invoices: { ...o.invoices, fields: { ...o.invoices.fields, client: 'reference' } } }))
    expect(foreignKey.english).toBe('invoices.fields.client: "reference" is not the foreign key of "Document" to "Marque" (foreign key: marqueId).')
    const model = error((o) => ({ ...o, invoices: { ...o.invoices, model: 'Facture' } }))
    expect(model.english).toMatch(/^Factures \(invoices\): the Prisma model "Facture" does not exist in the application's schema \(models: .*Document.*\)\.$/)
    // Options: zod's own words in each language, the schema's own messages translated, the same paths.
    const options = error((o) => ({ ...o, fec: { bankAccount: 'banque', journalCod: 'BQ' } as never, timeZone: 'Mars/Olympus' }))
    expect(options.french).toMatch(/^Options de qonto-reconcile invalides :\n/)
    expect(options.english).toMatch(/^Invalid qonto-reconcile options:\n/)
    expect(options.english).toContain('fec.bankAccount: account number expected (three digits of the chart of accounts, then digits or capitals), for example 512000')
    expect(options.english).toContain('timeZone: unknown time zone')
    expect(options.english).toMatch(/fec: Unrecognized key: "journalCod"/)
    const paths = (text: string) => text.split('\n').slice(1).map((line) => line.trim().split(/ ?:/)[0]).sort()
    expect(paths(options.english)).toEqual(paths(options.french))
    expect(options.english).not.toMatch(/[àâçéèêîôû«»]/)
  })

  it('a host without a partly-paid status: accepted, and no status is required for it', () => {
    const { partlyPaid: _partlyPaid, ...statuses } = base.invoices.statuses
    const ctx = createContext({ ...base, invoices: { ...base.invoices, statuses } })
    expect(ctx.invoices.mapping.payableStatuses).toEqual(base.invoices.statuses.open)
  })
})
