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
})
