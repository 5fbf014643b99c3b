import { describe, expect, it } from 'vitest'
import { startBanner, type BannerFacts } from '../examples/src/banner.js'
import { logFormat } from '../examples/src/logger.js'

const demo: BannerFacts = {
  url: 'http://localhost:3000/admin',
  adminEmail: 'maud@agence-glow.fr',
  adminPassword: 'demo-maud-2026',
  qontoConfigured: false,
  syncIntervalMinutes: 15,
  webhookConfigured: false,
  smtpConfigured: false,
  embeddedDatabaseDir: './.data/pglite',
}

describe('the start banner of the reference host', () => {
  it('a newcomer on the demo reads where to go, that the data and logins are demo ones, what is off and which variables turn it on', () => {
    const text = startBanner(demo)
    expect(text).toContain('Back-office : http://localhost:3000/admin')
    expect(text).toMatch(/Démo : données fictives.*base embarquée dans \.\/\.data\/pglite/)
    expect(text).toContain('maud@agence-glow.fr / demo-maud-2026')
    expect(text).toContain('comptable@agence-glow.fr / demo-lecture-2026')
    expect(text).toMatch(/Qonto : aucune connexion, la synchronisation est désactivée/)
    expect(text).toMatch(/QONTO_LOGIN \+ QONTO_SECRET_KEY .* QONTO_ACCESS_TOKEN .* QONTO_IBAN ou QONTO_BANK_ACCOUNT_ID/)
    expect(text).toMatch(/Webhook Qonto .* 503[\s\S]*QONTO_WEBHOOK_SECRET/)
    expect(text).toMatch(/E-mails « facture réglée » .* pas envoyés[\s\S]*SMTP_URL/)
    expect(text).toContain('README, section « Configuration of the reference host (environment) »')
    expect(text).toContain('Arrêt : Ctrl-C.')
  })

  it('says nothing is missing once Qonto, the webhook and SMTP are configured', () => {
    const text = startBanner({ ...demo, qontoConfigured: true, webhookConfigured: true, smtpConfigured: true, embeddedDatabaseDir: undefined })
    expect(text).not.toContain('Non configuré')
    expect(text).not.toContain('QONTO_')
    expect(text).toContain('Qonto, webhook et e-mails configurés.')
  })

  it('mentions an automatic sync turned off while the button still works', () => {
    expect(startBanner({ ...demo, qontoConfigured: true, syncIntervalMinutes: 0 })).toContain('synchronisation automatique désactivée (QONTO_SYNC_INTERVAL=0)')
  })
})

describe('logs of the reference host', () => {
  it('are JSON lines in production and readable lines in development, LOG_FORMAT deciding when given', () => {
    expect(logFormat({ NODE_ENV: 'production' })).toBe('json')
    expect(logFormat({ NODE_ENV: 'development' })).toBe('pretty')
    expect(logFormat({})).toBe('pretty')
    expect(logFormat({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toBe('pretty')
    expect(logFormat({ NODE_ENV: 'development', LOG_FORMAT: 'json' })).toBe('json')
  })
})
