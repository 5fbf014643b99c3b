/**
 * Request bodies of the panel, read here and nowhere else: after the session is known, never before.
 *
 * AdminJS's router parses every body with formidable before its login check, whatever its type
 * (multipart/mixed, application/octet-stream… written to the temp directory; JSON and forms held in
 * memory). Here the body is read only for the login form (small, urlencoded) or for a signed-in user,
 * only in the three types AdminJS sends (JSON, urlencoded, multipart/form-data) and within the
 * route's limit; AdminJS then finds it parsed (`express_formidable.parsed`) and reads nothing.
 * Anything else is answered without reading a byte, and the connection is closed behind it.
 */
import { createWriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import bodyParser from 'body-parser'
import busboy from 'busboy'
import type { NextFunction, Request, RequestHandler, Response } from 'express'

const KIB = 1024
const MIB = 1024 * KIB

/** Files a resource accepts (an upload feature), per AdminJS resource id. */
export type UploadRules = Record<string, { maxFileBytes: number; maxFiles: number }>

export interface BodyRules {
  /** AdminJS's login path inside its root path ("/login"): the only body read before sign-in. */
  loginPath: string
  /** Resources that declare uploads; every other one refuses files. */
  uploads?: UploadRules
}

type Route =
  | { kind: 'login'; limit: number }
  | { kind: 'resource'; limit: number; resourceId: string; bulk: boolean }
  | { kind: 'other'; limit: number }

/** The most each route may send: a login form, a record's form or an action's JSON, a bulk selection. */
export const BODY_LIMITS = { login: 8 * KIB, record: 1 * MIB, bulk: 256 * KIB, page: 256 * KIB, other: 16 * KIB } as const

const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, '') || '/'

/** Express matches routes without regard to case or a trailing slash: so does this (a login is a login). */
export function routeOf(path: string, loginPath: string): Route {
  const normalized = withoutTrailingSlash(path).toLowerCase()
  if (normalized === withoutTrailingSlash(loginPath).toLowerCase()) return { kind: 'login', limit: BODY_LIMITS.login }
  const resource = /^\/api\/resources\/([^/]+)\/(records|actions|bulk)\//i.exec(withoutTrailingSlash(path))
  if (resource) {
    const bulk = resource[2]!.toLowerCase() === 'bulk'
    return { kind: 'resource', limit: bulk ? BODY_LIMITS.bulk : BODY_LIMITS.record, resourceId: decodeURIComponent(resource[1]!), bulk }
  }
  if (/^\/api\/pages\//i.test(path)) return { kind: 'other', limit: BODY_LIMITS.page }
  return { kind: 'other', limit: BODY_LIMITS.other }
}

/** The request announces a body (a length above zero, or a chunked one). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
}

/** Answers without reading the body; the connection closes behind it so the rest is never read either. */
function refuse(res: Response, status: number, message: string): void {
  res.set('Connection', 'close').status(status).type('text/plain; charset=utf-8').send(message)
}

const MESSAGES = {
  signIn: 'Connectez-vous avant d’envoyer des données.',
  type: 'Type de contenu non accepté ici : ce back-office reçoit des formulaires et du JSON.',
  tooLarge: 'Requête trop volumineuse pour cette page.',
  malformed: 'Requête invalide : corps illisible.',
  files: 'Envoi de fichiers non accepté ici.',
  fileTooLarge: (bytes: number) => `Fichier trop volumineux : ${inFrench(bytes)} au plus.`,
  tooManyFiles: (count: number) => `Trop de fichiers : ${count} au plus.`,
}

/** 3145728 → "3 Mo", 524288 → "512 Ko". */
function inFrench(bytes: number): string {
  const [value, unit] = bytes >= MIB ? [bytes / MIB, 'Mo'] : [bytes / KIB, 'Ko']
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} ${unit}`
}

/** Where files may be sent (a resource's new and edit forms, never a bulk action), and how many and how large. */
function uploadsOf(route: Route, rules: BodyRules): UploadRules[string] | undefined {
  return route.kind === 'resource' && !route.bulk ? rules.uploads?.[route.resourceId] : undefined
}

type Parsed = { fields: Record<string, unknown>; files: Record<string, unknown> }
type WithParsed = Request & { session?: { adminUser?: unknown }; fields?: Record<string, unknown>; files?: Record<string, unknown>; express_formidable?: { parsed: boolean } }

function settle(req: WithParsed, parsed: Parsed, next: NextFunction): void {
  req.fields = parsed.fields
  req.files = parsed.files
  req.express_formidable = { parsed: true }
  next()
}

/** body-parser's failures as French answers: too large, unreadable. */
function parserFailed(res: Response, error: { status?: number; type?: string }): void {
  if (error.status === 413 || error.type === 'entity.too.large') refuse(res, 413, MESSAGES.tooLarge)
  else refuse(res, 400, MESSAGES.malformed)
}

function readWithBodyParser(parser: RequestHandler, req: WithParsed, res: Response, next: NextFunction): void {
  parser(req, res, (error?: unknown) => {
    if (error) return parserFailed(res, error as { status?: number })
    const body = req.body as unknown
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return refuse(res, 400, MESSAGES.malformed)
    settle(req, { fields: body as Record<string, unknown>, files: {} }, next)
  })
}

/**
 * multipart/form-data: fields within the limit; files only where the resource declares uploads,
 * written to the temp directory for the action to move away, and removed once the answer is sent
 * (a refused request removes what it had started writing, once written).
 */
function readMultipart(req: WithParsed, res: Response, next: NextFunction, limit: number, uploads: UploadRules[string] | undefined): void {
  let parser: busboy.Busboy
  try {
    parser = busboy({ headers: req.headers, limits: { fieldSize: limit, fields: 1000, parts: 1100, files: uploads?.maxFiles ?? 0, fileSize: uploads?.maxFileBytes ?? 0 } })
  } catch {
    return refuse(res, 400, MESSAGES.malformed)
  }
  const fields: Record<string, unknown> = {}
  const files: Record<string, unknown> = {}
  const written: string[] = []
  const writing: Promise<void>[] = []
  const removeWritten = () => void Promise.all(writing).then(() => Promise.all(written.map((path) => unlink(path).catch(() => undefined))))
  res.on('close', removeWritten)
  let received = 0
  let failed = false
  const fail = (status: number, message: string) => {
    if (failed) return
    failed = true
    req.unpipe(parser)
    refuse(res, status, message)
  }
  req.on('data', (chunk: Buffer) => {
    received += chunk.length
    if (received > limit) fail(413, MESSAGES.tooLarge)
  })
  parser.on('field', (name, value) => (fields[name] = value))
  parser.on('file', (name, stream, info) => {
    if (!uploads) {
      stream.resume()
      return fail(415, MESSAGES.files)
    }
    if (failed) return void stream.resume()
    const path = join(tmpdir(), `upload_${randomBytes(16).toString('hex')}`)
    written.push(path)
    let size = 0
    stream.on('data', (chunk: Buffer) => (size += chunk.length))
    stream.on('limit', () => fail(413, MESSAGES.fileTooLarge(uploads.maxFileBytes)))
    const file = stream.pipe(createWriteStream(path))
    writing.push(new Promise((resolve) => file.on('close', resolve)))
    // The shape formidable gave AdminJS (and @adminjs/upload expects): path, name, type, size.
    file.on('finish', () => (files[name] = { path, name: info.filename, type: info.mimeType, size }))
  })
  parser.on('filesLimit', () => fail(uploads ? 413 : 415, uploads ? MESSAGES.tooManyFiles(uploads.maxFiles) : MESSAGES.files))
  parser.on('fieldsLimit', () => fail(413, MESSAGES.tooLarge))
  parser.on('partsLimit', () => fail(413, MESSAGES.tooLarge))
  parser.on('error', () => fail(400, MESSAGES.malformed))
  parser.on('close', () => {
    void Promise.all(writing).then(() => {
      if (!failed) settle(req, { fields, files }, next)
    })
  })
  req.pipe(parser)
}

/**
 * Mounted at the admin root after the session (and the current-user check), before AdminJS's router.
 */
export function readBodiesAfterSession(rules: BodyRules): RequestHandler {
  return (req: WithParsed, res, next) => {
    if (!hasBody(req)) return next()
    const route = routeOf(req.path, rules.loginPath)
    // `application/*+json`: qonto-reconcile's panel posts its commands as application/vnd.qonto-reconcile+json.
    const matched = req.is(['application/json', 'application/*+json', 'application/x-www-form-urlencoded', 'multipart/form-data'])
    const type = typeof matched === 'string' && matched.endsWith('+json') ? 'application/json' : matched
    if (route.kind === 'login') {
      if (req.method !== 'POST' || type !== 'application/x-www-form-urlencoded') return refuse(res, 415, MESSAGES.type)
    } else if (!req.session?.adminUser) {
      return refuse(res, 401, MESSAGES.signIn)
    }
    if (!type) return refuse(res, 415, MESSAGES.type)
    const uploads = type === 'multipart/form-data' ? uploadsOf(route, rules) : undefined
    // Declared files count within the route's limit: the form's fields, plus each file at its largest.
    const limit = route.limit + (uploads ? uploads.maxFiles * uploads.maxFileBytes : 0)
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) return refuse(res, 413, MESSAGES.tooLarge)
    const options = { limit: route.limit, type: () => true }
    if (type === 'application/json') return readWithBodyParser(bodyParser.json(options), req, res, next)
    if (type === 'application/x-www-form-urlencoded') return readWithBodyParser(bodyParser.urlencoded({ ...options, extended: false }), req, res, next)
    return readMultipart(req, res, next, limit, uploads)
  }
}
