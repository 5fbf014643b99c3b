import type { RequestHandler } from 'express'

/** The agency's mark in its colour: browsers ask /favicon.ico on every first page (a 404 in the console otherwise). */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#b4436c"/><text x="16" y="23" font-family="Arial, sans-serif" font-size="19" font-weight="700" fill="#fff" text-anchor="middle">G</text></svg>`

export const favicon: RequestHandler = (_req, res) => {
  res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG)
}
