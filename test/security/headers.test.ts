/** Security headers and CSP on the reference host (issue 13): no inline script without this response's nonce, no third-party origin. */
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../helpers/app.js'

describe('security headers', () => {
  const test = useTestApp()

  it('sends a CSP whose nonce is on every script of the page, and names no other origin', async () => {
    const page = await request(test.app.app).get('/admin/login')
    const csp = String(page.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeDefined()
    expect(csp).not.toMatch(/https?:|unsafe-eval|script-src[^;]*unsafe-inline/)
    const scripts = page.text.match(/<script[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.every((tag) => tag.includes(`nonce="${nonce}"`))).toBe(true)
    expect(page.text).not.toContain('fonts.googleapis.com')
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('same-origin')
    // A new nonce per response.
    const again = await request(test.app.app).get('/admin/login')
    expect(String(again.headers['content-security-policy'])).not.toContain(nonce!)
  })

  it("serves AdminJS's Roboto itself: the page links this app's stylesheet, whose fonts come from this app (font-src 'self')", async () => {
    const page = await request(test.app.app).get('/admin/login')
    expect(String(page.headers['content-security-policy'])).toContain("font-src 'self';")
    const href = /<link rel="stylesheet" href="(\/fonts\/[^"]+)"/.exec(page.text)?.[1]
    expect(href).toBe('/fonts/roboto/roboto.css')
    const css = await request(test.app.app).get(href!)
    expect(css.status).toBe(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    const fonts = [...css.text.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)/g)].map((m) => m[1]!)
    // The four weights AdminJS asked Google for, latin included (é, è, à, €).
    for (const weight of ['300', '400', '500', '700']) expect(fonts).toContain(`roboto-latin-${weight}-normal.woff2`)
    expect(css.text).not.toMatch(/https?:/)
    const font = await request(test.app.app).get('/fonts/roboto/files/roboto-latin-400-normal.woff2')
    expect(font.status).toBe(200)
    expect(font.headers['content-type']).toBe('font/woff2')
    expect([403, 404]).toContain((await request(test.app.app).get('/fonts/roboto/files/../../../package.json')).status)
    // The browser's first request of every visit: no 404 in the console.
    expect((await request(test.app.app).get('/favicon.ico')).status).toBe(200)
  })
})
