/**
 * Roboto, AdminJS's design font, served by the back-office itself (@fontsource/roboto): AdminJS's
 * pages link Google Fonts, which would send Maud's IP address to a third party on every page. The
 * stylesheet replaces that link (security.ts); its font files come from this same origin (font-src 'self').
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import express, { type Router } from 'express'

/** Where the page asks for the fonts' stylesheet. */
export const FONT_STYLESHEET_PATH = '/fonts/roboto/roboto.css'

/** The weights AdminJS's design system uses (Google Fonts' family=Roboto:300,400,500,700). */
const WEIGHTS = ['300', '400', '500', '700']

export function fontRoutes(): Router {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@fontsource/roboto/package.json'))
  // The package's own stylesheets, one per weight, concatenated: one request instead of four.
  const stylesheet = WEIGHTS.map((weight) => readFileSync(join(packageDir, `${weight}.css`), 'utf8')).join('\n')
  const router = express.Router()
  router.get(FONT_STYLESHEET_PATH, (_req, res) => {
    res.type('text/css; charset=utf-8').set('Cache-Control', 'public, max-age=86400').send(stylesheet)
  })
  // Fonts' file names carry their version: cached for a year.
  router.use('/fonts/roboto/files', express.static(join(packageDir, 'files'), { immutable: true, maxAge: '365d', fallthrough: false, index: false }))
  return router
}
