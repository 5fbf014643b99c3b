/**
 * List and search parameters checked against the resource before AdminJS reads them: a sort or a
 * filter on a field the resource lacks (`__proto__` included), a value its type cannot hold (a
 * 5-digit year, text for a number, a status that does not exist) is the user's mistake, answered
 * with a French 400 — not a database error, a 500 or an empty page that hides it.
 */
import type AdminJS from 'adminjs'
import type { PropertyDecorator, ResourceDecorator } from 'adminjs'
import type { RequestHandler } from 'express'

const LIST_ROUTE = /^\/api\/resources\/([^/]+)\/(?:actions\/(?:list|search)|search)(?:\/|$)/i
const FILTER_KEY = /^filters\.(.*?)(?:~~(from|to))?$/
/** A calendar date (and time) with a four-digit year, as AdminJS's date filters send them. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const NUMBER = /^-?\d{1,15}(?:[.,]\d{1,6})?$/
const IDENTIFIER = /^[A-Za-z0-9_-]{1,64}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_TEXT = 500

function isRealDate(text: string): boolean {
  const match = DATE.exec(text)
  if (!match) return false
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  if (year < 1000) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(text.replace(' ', 'T')))
}

/** The resource's own property at this path (never one JavaScript objects all have, like `__proto__`). */
function propertyOf(decorated: ResourceDecorator, path: string): PropertyDecorator | null {
  const head = path.split('.')[0] ?? ''
  if (head === '' || head in Object.prototype || !Object.prototype.hasOwnProperty.call(decorated.properties, head)) return null
  return decorated.getPropertyByKey(path)
}

/** Why this value cannot filter this property (a French phrase), or null when it can. */
function valueProblem(property: PropertyDecorator, value: string, bound: 'from' | 'to' | undefined): string | null {
  const name = property.propertyPath
  const type = property.type()
  const dated = type === 'date' || type === 'datetime'
  if (bound && !dated && !['number', 'float', 'currency'].includes(type)) return `« ${name} » ne se filtre pas par intervalle`
  if (value === '') return null
  if (dated) return isRealDate(value) ? null : `date invalide pour « ${name} » (AAAA-MM-JJ, année à quatre chiffres)`
  if (type === 'number' || type === 'float' || type === 'currency') return NUMBER.test(value) ? null : `nombre attendu pour « ${name} »`
  if (type === 'boolean') return value === 'true' || value === 'false' ? null : `oui ou non attendu pour « ${name} »`
  const allowed = property.availableValues()
  if (allowed && allowed.length > 0) return allowed.some((option) => String(option.value) === value) ? null : `valeur inconnue pour « ${name} »`
  if (type === 'reference') return IDENTIFIER.test(value) ? null : `identifiant invalide pour « ${name} »`
  if (type === 'uuid') return UUID.test(value) ? null : `identifiant invalide pour « ${name} »`
  return value.length <= MAX_TEXT ? null : `texte trop long pour « ${name} »`
}

/** What is wrong with these list or search parameters for this resource (French), or null. */
export function listParameterProblem(decorated: ResourceDecorator, query: Record<string, unknown>): string | null {
  for (const [key, raw] of Object.entries(query)) {
    const value = String(raw)
    if (key === 'sortBy') {
      const property = propertyOf(decorated, value)
      if (!property || !property.isSortable()) return `tri impossible sur « ${value.slice(0, 64)} »`
      continue
    }
    const filter = FILTER_KEY.exec(key)
    if (!filter) continue
    const property = propertyOf(decorated, filter[1]!)
    // A virtual property (computed for display) filters only where the resource offers it as a filter.
    if (!property || (property.isVirtual && !property.isVisible('filter'))) return `pas de champ « ${filter[1]!.slice(0, 64)} » à filtrer ici`
    const problem = valueProblem(property, value, filter[2] as 'from' | 'to' | undefined)
    if (problem) return problem
  }
  return null
}

/** Mounted at the admin root, after the session, before AdminJS's router. */
export function validListParameters(admin: AdminJS): RequestHandler {
  return (req, res, next) => {
    // Signed-out requests go on to AdminJS's login redirect: no word about the resource's fields.
    if (req.method !== 'GET' || !(req as { session?: { adminUser?: unknown } }).session?.adminUser) return next()
    const route = LIST_ROUTE.exec(req.path)
    if (!route) return next()
    const resource = admin.resources.find((candidate) => candidate.decorate().id() === decodeURIComponent(route[1]!))
    if (!resource) return next()
    const problem = listParameterProblem(resource.decorate(), req.query as Record<string, unknown>)
    if (!problem) return next()
    res.status(400).type('text/plain; charset=utf-8').send(`Requête invalide : ${problem}.`)
  }
}
