/**
 * "Connexion Qonto" in a real browser: Maud connects through the OAuth stand-in's authorize page
 * (the started server is pointed at it through QONTO_OAUTH_BASE_URL / QONTO_API_BASE_URL), comes
 * back connected; then the consent is revoked at Qonto and the page shows "déconnecté" with a
 * reconnect button. Screenshots (1440 px and 390 px) go to test-results/e2e/.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, startPanel, type Panel } from './panel-server.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STAND_IN_OAUTH_APP, withQontoOAuth, type OAuthStandIn } from '../helpers/qonto-oauth-stand-in.js'
import { qontoTransaction, startQontoStandIn, type StandIn } from '../helpers/qonto-stand-in.js'
import { freePort } from '../helpers/free-port.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SHOTS = join(ROOT, 'test-results', 'e2e')
const PORT = await freePort()
const BASE = `http://127.0.0.1:${PORT}`

let panel: Panel
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
  }, PORT)
}

async function login(page: Page): Promise<void> {
  await page.goto(`${BASE}/admin/login`)
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
    standIn.transactions.push(qontoTransaction())
    oauth = withQontoOAuth(standIn, { redirectUris: [`${BASE}/qonto/oauth/callback`] })
    await startServer()
    browser = await launchChromium()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
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
    // Connected: the feed's health and the accounts to reconcile are on the same page.
    await page.waitForSelector('[data-testid=feed-health]', { timeout: 30_000 })
    await page.waitForSelector('[data-testid=bank-accounts]', { timeout: 30_000 })
    await shots(page, 'qonto-2-connected')

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
    expect([...panelHosts].sort()).toEqual([`127.0.0.1:${PORT}`, new URL(standIn.url).host].sort())
  }, 180_000)
})
