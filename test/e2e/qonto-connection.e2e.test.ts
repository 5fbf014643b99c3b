/**
 * "Connexion Qonto" in a real browser: Maud connects through the OAuth stand-in's authorize page
 * (the started server is pointed at it through QONTO_OAUTH_BASE_URL / QONTO_API_BASE_URL), comes
 * back connected and, without another click, the feed goes live: the accounts listed, the webhook
 * subscription created on the public URL, the payments synced (issue 21); a delivery signed with
 * the stored secret is accepted. Then the consent is revoked at Qonto and the page shows
 * "déconnecté" with a reconnect button. Screenshots (1440 px and 390 px) go to test-results/e2e/.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, startPanel, type Panel } from './panel-server.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STAND_IN_OAUTH_APP, withQontoOAuth, type OAuthStandIn } from '../helpers/qonto-oauth-stand-in.js'
import { deliverTransaction, standInBankAccount } from '../helpers/qonto-accounts-stand-in.js'
import { qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'
import { startFront, type Front } from '../helpers/front.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SHOTS = join(ROOT, 'test-results', 'e2e')

/** A settlement instant `hours` ago: newer than the demo month, so first in the list. */
const recent = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString()

let panel: Panel
/** The panel's public address (OAuth redirect, webhook), known before it starts: a front on a port the system gave it. */
let front: Front
let BASE: string
let browser: Browser
let standIn: StandIn
let oauth: OAuthStandIn

async function startServer(): Promise<void> {
  panel = await startPanel({
    QONTO_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    QONTO_OAUTH_CLIENT_ID: STAND_IN_OAUTH_APP.clientId,
    QONTO_OAUTH_CLIENT_SECRET: STAND_IN_OAUTH_APP.clientSecret,
    QONTO_OAUTH_REDIRECT_URI: `${BASE}/qonto/oauth/callback`,
    QONTO_OAUTH_BASE_URL: standIn.url,
    QONTO_API_BASE_URL: standIn.url,
    QONTO_WEBHOOK_PUBLIC_URL: `${BASE}/api/webhooks/qonto`,
    QONTO_SYNC_INTERVAL: '15',
  })
  front.forwardTo(panel.port)
}

async function login(page: Page): Promise<void> {
  // The first page of a freshly started host can be slow on a loaded machine.
  await page.goto(`${BASE}/admin/login`, { timeout: 90_000 })
  await page.fill('input[name=email]', 'maud@agence-glow.fr')
  await page.fill('input[name=password]', 'demo-maud-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForSelector('[data-testid=stat-to-reconcile-count]', { timeout: 60_000 })
}

async function shots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1000 })
  await page.screenshot({ path: join(SHOTS, `${name}-1440.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true })
  await page.setViewportSize({ width: 1440, height: 1000 })
}

describe('Connexion Qonto in the browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    standIn = await startQontoStandIn()
    standIn.transactions.push(
      qontoTransaction({ clean_counterparty_name: 'Maison Lumière', label: 'MAISON LUMIERE', amount_cents: 186000, settled_at: recent(2), updated_at: '2026-11-30T08:00:00.000Z' }),
      qontoTransaction({ clean_counterparty_name: 'Atelier Brume', label: 'ATELIER BRUME', amount_cents: 42050, settled_at: recent(1), updated_at: '2026-11-30T09:00:00.000Z' }),
    )
    // Four accounts: the main one, savings in euros (both reconciled by default), one in dollars, one closed.
    standIn.bankAccounts.push(
      standInBankAccount({ id: '018f71db-0000-7000-8000-00000000e002', iban: 'FR7616958000019999999999902', name: 'Épargne' }),
      standInBankAccount({ id: '018f71db-0000-7000-8000-00000000e003', iban: 'FR7616958000018888888888803', name: 'Dollars', currency: 'USD' }),
      standInBankAccount({ id: '018f71db-0000-7000-8000-00000000e004', iban: 'FR7616958000017777777777704', name: 'Ancien', status: 'closed' }),
    )
    front = await startFront()
    BASE = front.url
    oauth = withQontoOAuth(standIn, { redirectUris: [`${BASE}/qonto/oauth/callback`] })
    await startServer()
    browser = await launchChromium()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await front?.close()
    await panel?.stop()
    await standIn?.close()
  })

  it('Maud connects through Qonto\'s authorize page, comes back connected, then sees "déconnecté" once the consent is revoked', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const panelHosts = new Set<string>()
    page.on('request', (r) => panelHosts.add(new URL(r.url()).host))
    await login(page)
    await page.goto(`${BASE}/admin/pages/connexionQonto`)
    await expect.poll(() => page.getByTestId('connection-state').innerText(), { timeout: 30_000 }).toBe('non connecté')
    await shots(page, 'qonto-1-not-connected')

    await page.getByTestId('oauth-connect').click()
    await page.waitForURL(`${standIn.url}/oauth2/auth?**`)
    expect(await page.locator('body').innerText()).toContain('organization.read webhook offline_access')
    await page.getByRole('button', { name: 'Autoriser' }).click()
    // The callback's own page, then back in the panel (session cookie sent again: same-site navigation).
    await page.waitForURL(`${BASE}/qonto/oauth/callback?**`)
    expect(await page.getByTestId('oauth-result').innerText()).toBe('Qonto est connecté (Agence Glow).')
    await page.waitForURL(`${BASE}/admin/pages/connexionQonto`, { timeout: 15_000 })
    await expect.poll(() => page.getByTestId('connection-state').innerText(), { timeout: 30_000 }).toBe('connecté')
    expect(await page.getByTestId('connection-method').innerText()).toBe('OAuth (Connecter avec Qonto)')
    expect(await page.getByTestId('connection-credentials').innerText()).toMatch(/^•••• enregistrée le /)
    const html = await page.content()
    for (const token of oauth.issuedAccessTokens) expect(html).not.toContain(token)
    // Connected means live, without another click: within a minute the accounts are listed, the
    // webhook subscription is on the public URL and the payments are synced (the page follows by itself).
    const clicks: string[] = []
    await page.exposeFunction('noteClick', (what: string) => clicks.push(what))
    await page.evaluate(() => document.addEventListener('click', (e) => (window as unknown as { noteClick(s: string): void }).noteClick((e.target as Element).outerHTML.slice(0, 80)), true))
    const live = page.getByTestId('live-progress')
    await expect.poll(() => page.getByTestId('live-sync').innerText(), { timeout: 60_000 }).toBe('Synchronisation terminée : 2 paiements importés.')
    expect(await page.getByTestId('live-accounts').innerText()).toBe('4 comptes lus chez Qonto, 2 à rapprocher')
    expect(await page.getByTestId('live-mode').innerText()).toContain(`Qonto envoie chaque opération au webhook (${BASE}/api/webhooks/qonto)`)
    expect(await live.getAttribute('data-in-progress')).toBe('false')
    expect(clicks).toEqual([])
    expect(standIn.subscriptions.map((s) => s.callback_url)).toEqual([`${BASE}/api/webhooks/qonto`])
    // The feed's health and the accounts to reconcile, on the same page, reloaded with it.
    await expect.poll(() => page.getByTestId('feed-health-status').innerText(), { timeout: 15_000 }).toBe('Flux Qonto actif')
    await expect.poll(() => page.getByTestId('bank-account-row').count(), { timeout: 15_000 }).toBe(4)
    await shots(page, 'qonto-2-connected')

    // A payment Qonto posts now, signed with the subscription's stored secret (no secret in the environment), is accepted.
    const delivered = qontoTransaction({ clean_counterparty_name: 'Studio Cobalt', label: 'STUDIO COBALT', amount_cents: 73500, settled_at: recent(0) })
    standIn.transactions.push(delivered)
    expect(await deliverTransaction(standIn, delivered)).toEqual([200])
    // The synced payments and the delivered one are in Maud's list of payments (newest first).
    const payers = ['Maison Lumière', 'Atelier Brume', 'Studio Cobalt']
    await expect
      .poll(async () => {
        await page.goto(`${BASE}/admin/resources/TransactionQonto`)
        await page.waitForSelector('table tbody tr', { timeout: 30_000 })
        const text = await page.locator('body').innerText()
        return payers.filter((payer) => text.includes(payer))
      }, { timeout: 60_000 })
      .toEqual(payers)
    await page.goto(`${BASE}/admin/pages/connexionQonto`)
    await page.waitForSelector('[data-testid=live-progress]', { timeout: 30_000 })

    // Maud withdraws the app in Qonto; the next sync finds out.
    oauth.revokeConsent()
    await page.goto(`${BASE}/admin`)
    await page.getByTestId('dashboard-sync').click()
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toMatch(/accès expiré ou révoqué.*Connexion Qonto/)
    // Nothing can sync any more: the button is gone until Qonto is reconnected.
    await expect.poll(() => page.getByTestId('dashboard-sync').count(), { timeout: 30_000 }).toBe(0)
    await page.goto(`${BASE}/admin/pages/connexionQonto`)
    await expect.poll(() => page.getByTestId('connection-state').innerText(), { timeout: 30_000 }).toBe('déconnecté')
    expect(await page.getByTestId('connection-lost').innerText()).toContain('révoquée ou a expiré')
    expect(await page.getByTestId('oauth-connect').innerText()).toBe('Reconnecter avec Qonto')
    await shots(page, 'qonto-3-disconnected')
    // Only the panel and the OAuth page Maud was sent to.
    expect([...panelHosts].sort()).toEqual([new URL(BASE).host, new URL(standIn.url).host].sort())
  }, 180_000)
})
