/**
 * The reference host's panel scripts (examples/src/panel-assets.ts): production builds, compressed,
 * cached for good only under the address that carries their content's hash, and that hash written
 * into AdminJS's pages, a new one as soon as the file changes (the components watcher in development).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import request from 'supertest'
import { afterAll, describe, expect, it } from 'vitest'
import { bundleFiles, panelAssets } from '../examples/src/panel-assets.js'

const dir = mkdtempSync(join(tmpdir(), 'qr-assets-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function files() {
  const paths = {
    'global.bundle.js': join(dir, 'global.js'),
    'design-system.bundle.js': join(dir, 'ds.js'),
    'app.bundle.js': join(dir, 'app.js'),
    'components.bundle.js': join(dir, 'components.js'),
  }
  writeFileSync(paths['global.bundle.js'], 'var React = {};'.repeat(1000))
  writeFileSync(paths['design-system.bundle.js'], 'var AdminJSDesignSystem = {};')
  writeFileSync(paths['app.bundle.js'], 'var AdminJS = {};')
  return paths
}

function host(paths: ReturnType<typeof files>, minifyComponents = false) {
  const assets = panelAssets(paths, { minifyComponents })
  const app = express()
  app.use('/admin', assets.serve, assets.versionPages)
  app.get('/admin', (_req, res) => {
    res.send(['global', 'design-system', 'app', 'components'].map((name) => `<script src="/admin/frontend/assets/${name}.bundle.js"></script>`).join('\n'))
  })
  app.get('/admin/frontend/assets/components.bundle.js', (_req, res) => res.type('js').send('// AdminJS builds it'))
  return { app, assets }
}

const versionOf = (page: string, name: string) => new RegExp(`/admin/frontend/assets/${name}\\?v=([0-9a-f]{16})"`).exec(page)?.[1]

describe("the reference host's panel scripts", () => {
  it('writes each bundle\'s content hash into the page, and caches that address for a year, compressed', async () => {
    const paths = files()
    const { app } = host(paths)
    const page = (await request(app).get('/admin')).text
    const version = versionOf(page, 'global.bundle.js')
    expect(version).toBeDefined()
    expect(versionOf(page, 'app.bundle.js')).not.toBe(version)

    const response = await request(app).get(`/admin/frontend/assets/global.bundle.js?v=${version}`).set('Accept-Encoding', 'gzip')
    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers['content-type']).toMatch(/^text\/javascript/)
    expect(response.headers.vary).toContain('Accept-Encoding')
    // What went over the wire (superagent unzips the body itself).
    const original = readFileSync(paths['global.bundle.js'], 'utf8')
    expect(Number(response.headers['content-length'])).toBeLessThan(original.length / 10)
    expect(response.text).toBe(original)
  })

  it('answers an address without the current hash too, revalidated rather than cached, and 304 when unchanged', async () => {
    const { app } = host(files())
    const plain = await request(app).get('/admin/frontend/assets/app.bundle.js').set('Accept-Encoding', 'identity')
    expect(plain.status).toBe(200)
    expect(plain.text).toBe('var AdminJS = {};')
    expect(plain.headers['cache-control']).toBe('no-cache')
    const stale = await request(app).get('/admin/frontend/assets/app.bundle.js?v=0000000000000000')
    expect(stale.headers['cache-control']).toBe('no-cache')
    const again = await request(app).get('/admin/frontend/assets/app.bundle.js').set('If-None-Match', plain.headers.etag!)
    expect(again.status).toBe(304)
  })

  it('leaves the components bundle to AdminJS until it is built, then versions it and follows its changes', async () => {
    const paths = files()
    const { app } = host(paths)
    const before = await request(app).get('/admin/frontend/assets/components.bundle.js')
    expect(before.text).toBe('// AdminJS builds it')
    expect(versionOf((await request(app).get('/admin')).text, 'components.bundle.js')).toBeUndefined()

    writeFileSync(paths['components.bundle.js'], 'AdminJS.UserComponents = { A: 1 }')
    const first = versionOf((await request(app).get('/admin')).text, 'components.bundle.js')
    expect(first).toBeDefined()
    expect((await request(app).get('/admin/frontend/assets/components.bundle.js').set('Accept-Encoding', 'identity')).text).toBe('AdminJS.UserComponents = { A: 1 }')

    // The watcher rebuilt it (same size, later modification time): a new address.
    writeFileSync(paths['components.bundle.js'], 'AdminJS.UserComponents = { B: 2 }')
    const { mtime } = statSync(paths['components.bundle.js'])
    utimesSync(paths['components.bundle.js'], mtime, new Date(mtime.getTime() + 2000))
    const second = versionOf((await request(app).get('/admin')).text, 'components.bundle.js')
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
    const current = await request(app).get(`/admin/frontend/assets/components.bundle.js?v=${second}`).set('Accept-Encoding', 'identity')
    expect(current.text).toBe('AdminJS.UserComponents = { B: 2 }')
    expect(current.headers['cache-control']).toContain('immutable')
  })

  it('minifies the components bundle AdminJS wrote (its watcher does not), and serves it as it is if it cannot', async () => {
    const paths = files()
    writeFileSync(paths['components.bundle.js'], '(function (React) {\n  // a comment\n  var longName = 1;\n  AdminJS.UserComponents.A = longName;\n})(React);\n')
    const { app } = host(paths, true)
    const served = (await request(app).get('/admin/frontend/assets/components.bundle.js').set('Accept-Encoding', 'identity')).text
    expect(served).not.toContain('a comment')
    expect(served).not.toContain('longName')
    expect(served.length).toBeLessThan(60)

    const broken = files()
    writeFileSync(broken['components.bundle.js'], 'AdminJS.UserComponents = {')
    const fallback = (await request(host(broken, true).app).get('/admin/frontend/assets/components.bundle.js').set('Accept-Encoding', 'identity')).text
    expect(fallback).toBe('AdminJS.UserComponents = {')
  })

  it("points at AdminJS's production builds, which exist in the installed version", () => {
    const paths = bundleFiles({ ADMIN_JS_TMP_DIR: dir })
    for (const name of ['global.bundle.js', 'design-system.bundle.js', 'app.bundle.js'] as const) {
      expect(paths[name]).toMatch(/production\.js$/)
      expect(statSync(paths[name]).size).toBeGreaterThan(100_000)
    }
    expect(paths['components.bundle.js']).toBe(join(dir, 'bundle.js'))
  })
})
