/**
 * The panel's JavaScript, served by the back-office itself instead of AdminJS's asset routes:
 * - AdminJS's production bundles (minified: 3.3 MB instead of the 26 MB of its development ones, which
 *   it picks whenever NODE_ENV is not "production", `npm start` included);
 * - compressed (brotli or gzip: about 0.9 MB on the wire), once per file and kept in memory;
 * - under addresses that carry their content's hash (`app.bundle.js?v=3f2a…`, written into AdminJS's
 *   pages on their way out) and cached by the browser for a year, so a navigation after the first
 *   transfers no JavaScript at all. An address without the current hash (a page rendered before a
 *   restart) is still answered, revalidated by ETag instead of cached.
 * The components bundle (the host's and the extension's components, built by AdminJS at start or by
 * its watcher in development) is served the same way, its hash read again whenever the file changes,
 * and minified first: AdminJS's watcher leaves it unminified (0.9 MB for `npm start`, 0.15 MB
 * minified, what a production start writes anyway). esbuild is AdminJS's own minifier.
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { transform } from 'esbuild'
import type { Request, RequestHandler, Response } from 'express'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** AdminJS's four scripts, as its pages name them under <rootPath>/frontend/assets/. */
export const BUNDLE_NAMES = ['global.bundle.js', 'design-system.bundle.js', 'app.bundle.js', 'components.bundle.js'] as const
type BundleName = (typeof BUNDLE_NAMES)[number]

/** Where AdminJS keeps the production builds of its own scripts, and where it writes the components bundle. */
export function bundleFiles(env: NodeJS.ProcessEnv = process.env): Record<BundleName, string> {
  const adminjsDir = dirname(fileURLToPath(import.meta.resolve('adminjs')))
  const designSystemDir = dirname(createRequire(join(adminjsDir, 'index.js')).resolve('@adminjs/design-system'))
  return {
    'global.bundle.js': join(adminjsDir, 'lib/frontend/assets/scripts/global-bundle.production.js'),
    'design-system.bundle.js': resolve(designSystemDir, '../bundle.production.js'),
    'app.bundle.js': join(adminjsDir, 'lib/frontend/assets/scripts/app-bundle.production.js'),
    // AdminJS's own rule (adminjs/lib/backend/bundler/utils/constants.js).
    'components.bundle.js': resolve(env.ADMIN_JS_TMP_DIR || '.adminjs', 'bundle.js'),
  }
}

/**
 * Resolves once the file was written at or after `since` (AdminJS's watcher starts its first build
 * without saying when it ends); false after `timeoutMs`. Until then a page would find no components
 * bundle, and AdminJS's own route would build a second one alongside the watcher's.
 */
export async function writtenSince(path: string, since: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const info = await stat(path).catch(() => null)
    if (info && info.mtimeMs >= since && info.size > 0) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

interface Encoded {
  hash: string
  identity: Buffer
  br: Promise<Buffer>
  gzip: Promise<Buffer>
}

/** One file, read, hashed and compressed again only when its size or modification time changes. */
class VersionedFile {
  private stamp = ''
  private current: Promise<Encoded | null> | null = null

  constructor(
    private readonly path: string,
    private readonly rewrite?: (code: Buffer) => Promise<Buffer>,
  ) {}

  async get(): Promise<Encoded | null> {
    const info = await stat(this.path).catch(() => null)
    if (!info) return null
    const stamp = `${info.size}:${info.mtimeMs}`
    if (stamp !== this.stamp || !this.current) {
      this.stamp = stamp
      this.current = this.load()
    }
    return this.current
  }

  private async load(): Promise<Encoded | null> {
    const original = await readFile(this.path).catch(() => null)
    if (!original) return null
    // A rewrite that fails (a syntax esbuild refuses) serves the file as it is.
    const identity = this.rewrite ? await this.rewrite(original).catch(() => original) : original
    const encoded: Encoded = {
      hash: createHash('sha256').update(identity).digest('hex').slice(0, 16),
      identity,
      // Quality 9: within a few per cent of 11 for a tenth of its time (under a second for the largest).
      br: brotli(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzip: gzipped(identity, { level: 9 }),
    }
    // Unhandled until the first request for them: keep a failure from ending the process meanwhile.
    encoded.br.catch(() => undefined)
    encoded.gzip.catch(() => undefined)
    return encoded
  }
}

export interface PanelAssets {
  /** Answers <rootPath>/frontend/assets/<bundle>.js; mount it on the admin's root path, before AdminJS's router. */
  serve: RequestHandler
  /** Rewrites AdminJS's pages (mount likewise): each bundle's address gets its content hash. */
  versionPages: RequestHandler
  /** Reads, hashes and compresses the files now (at start) rather than at the first page. */
  warm(): Promise<void>
}

const ASSET_PATH = /^\/frontend\/assets\/([a-z-]+\.bundle\.js)$/
const YEAR_SECONDS = 365 * 24 * 60 * 60

async function minify(code: Buffer): Promise<Buffer> {
  const result = await transform(code.toString('utf8'), { loader: 'js', minify: true, target: 'es2020', legalComments: 'none' })
  return Buffer.from(result.code)
}

export interface PanelAssetsOptions {
  /** Minify the components bundle before serving it (default true). */
  minifyComponents?: boolean
}

export function panelAssets(files: Record<BundleName, string> = bundleFiles(), { minifyComponents = true }: PanelAssetsOptions = {}): PanelAssets {
  const versioned = new Map<string, VersionedFile>(
    Object.entries(files).map(([name, path]) => [name, new VersionedFile(path, name === 'components.bundle.js' && minifyComponents ? minify : undefined)]),
  )

  const serve: RequestHandler = async (req, res, next) => {
    const name = ASSET_PATH.exec(req.path)?.[1]
    const file = name ? versioned.get(name) : undefined
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next()
    try {
      const encoded = await file.get()
      // Not built yet (the components bundle while AdminJS's watcher works): AdminJS's route answers.
      if (!encoded) return next()
      send(req, res, encoded)
    } catch (error) {
      next(error)
    }
  }

  const versionPages: RequestHandler = (_req, res, next) => {
    const send = res.send.bind(res)
    res.send = ((body: unknown) => {
      if (typeof body !== 'string' || !body.includes('.bundle.js')) return send(body)
      void hashes().then(
        (current) => send(body.replace(/(\/frontend\/assets\/([a-z-]+\.bundle\.js))(?=")/g, (match, path: string, name: string) => (current.has(name) ? `${path}?v=${current.get(name)}` : match))),
        () => send(body),
      )
      return res
    }) as Response['send']
    next()
  }

  async function hashes(): Promise<Map<string, string>> {
    const entries = await Promise.all([...versioned].map(async ([name, file]) => [name, (await file.get())?.hash] as const))
    return new Map(entries.filter((entry): entry is readonly [string, string] => entry[1] !== undefined))
  }

  return {
    serve,
    versionPages,
    async warm() {
      for (const file of versioned.values()) {
        const encoded = await file.get()
        if (encoded) await Promise.all([encoded.br, encoded.gzip])
      }
    },
  }
}

function send(req: Request, res: Response, encoded: Encoded): void {
  const etag = `"${encoded.hash}"`
  res.type('text/javascript; charset=utf-8')
  res.set('Vary', 'Accept-Encoding')
  res.set('ETag', etag)
  // The current hash in the address: that address will never name other content.
  res.set('Cache-Control', req.query.v === encoded.hash ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache')
  if (req.fresh) {
    res.status(304).end()
    return
  }
  const accepted = req.acceptsEncodings('br', 'gzip', 'identity')
  const body = accepted === 'br' ? encoded.br : accepted === 'gzip' ? encoded.gzip : Promise.resolve(encoded.identity)
  void body.then(
    (buffer) => {
      if (accepted === 'br' || accepted === 'gzip') res.set('Content-Encoding', accepted)
      res.set('Content-Length', String(buffer.length))
      res.end(req.method === 'HEAD' ? undefined : buffer)
    },
    () => res.end(encoded.identity),
  )
}
