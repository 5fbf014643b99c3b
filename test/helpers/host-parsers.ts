/**
 * Where a host puts its own body parsers around the AdminJS router: the placements a real back-office
 * uses (global JSON or urlencoded before the admin, or after it), on Express 5's body-parser 2 and as
 * Express 4's body-parser 1 behaves (it marks a parsed request with `req._body`, which
 * @adminjs/express's authenticated router refuses with "You probably used old body-parser middleware").
 * Reusable by a matrix of generated hosts.
 */
import express, { type Express, type RequestHandler, type Router } from 'express'

export type ParserPlacement = 'json-before' | 'urlencoded-before' | 'json-and-urlencoded-before' | 'json-and-urlencoded-after' | 'none'
export type BodyParserFlavour = 'express5' | 'express4'

export const PARSER_PLACEMENTS: ParserPlacement[] = ['json-before', 'urlencoded-before', 'json-and-urlencoded-before', 'json-and-urlencoded-after', 'none']

/** body-parser 1 (Express 4): the same parsing, plus the `_body` flag it sets on every request it read. */
function asExpress4(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const before = req.readableEnded
    parser(req, res, (error?: unknown) => {
      if (!before && req.readableEnded) (req as { _body?: boolean })._body = true
      next(error)
    })
  }
}

function parsers(flavour: BodyParserFlavour, kinds: Array<'json' | 'urlencoded'>): RequestHandler[] {
  return kinds.map((kind) => {
    const parser = kind === 'json' ? express.json() : express.urlencoded({ extended: true })
    return flavour === 'express4' ? asExpress4(parser) : parser
  })
}

/** The host's app: its global parsers placed as it chose, the admin router under rootPath. */
export function mountWithParsers(app: Express, rootPath: string, adminRouter: Router, placement: ParserPlacement, flavour: BodyParserFlavour): Express {
  const before = placement === 'json-before' ? ['json' as const] : placement === 'urlencoded-before' ? ['urlencoded' as const] : placement === 'json-and-urlencoded-before' ? ['json' as const, 'urlencoded' as const] : []
  const after = placement === 'json-and-urlencoded-after' ? ['json' as const, 'urlencoded' as const] : []
  for (const parser of parsers(flavour, before)) app.use(parser)
  app.use(rootPath, adminRouter)
  for (const parser of parsers(flavour, after)) app.use(parser)
  return app
}

/**
 * AdminJS's own login form is urlencoded, which AdminJS cannot read after a global urlencoded parser
 * (its rule, not the extension's): tests open the session with multipart fields, which no JSON or
 * urlencoded parser touches. The extension's actions are what is under test.
 */
export async function multipartLogin(agent: { post(path: string): { field(name: string, value: string): unknown } }, loginPath: string, who: { email: string; password: string }) {
  const request = agent.post(loginPath) as unknown as { field(name: string, value: string): typeof request } & PromiseLike<{ status: number }>
  const response = await request.field('email', who.email).field('password', who.password)
  if (response.status !== 302) throw new Error(`login failed: ${response.status}`)
}
