import type { RequestHandler } from 'express'
import { reconciliationStylesheet } from 'qonto-reconcile'

/** The back-office's own corrections to AdminJS's styles (AdminJS `assets.styles`, same origin). */
export const PANEL_STYLESHEET_PATH = '/assets/panel.css'

const PANEL_CSS = `
/* AdminJS gives every notice a 480 px minimum width: on a phone (390 px) the page would scroll sideways. */
[data-css=notice-wrapper] { max-width: 100vw; box-sizing: border-box; }
[data-css=notice-wrapper] > * { min-width: 0 !important; max-width: 100%; box-sizing: border-box; }
/* On a phone the breadcrumb gets its own line: beside the action buttons it was squeezed to a few letters. */
@media (max-width: 768px) {
  :has(> .adminjs_Breadcrumbs) { flex-wrap: wrap; row-gap: 8px; }
  .adminjs_Breadcrumbs { flex-basis: 100%; }
}
`

// The extension's lists and focus ring, as its README tells a host to add them.
const STYLESHEET = `${PANEL_CSS}\n${reconciliationStylesheet()}`

export const panelStylesheet: RequestHandler = (_req, res) => {
  res.type('text/css; charset=utf-8').set('Cache-Control', 'public, max-age=3600').send(STYLESHEET)
}
