/**
 * Guards for every end-to-end test of the panel (Playwright page):
 *
 *   const guard = guardPage(page, { base: BASE })   // right after creating the page
 *   …visit, click…
 *   await assertNoEnglish(page)                      // visible text, placeholders, aria-labels, titles
 *   await assertNoHorizontalScroll(page)             // at 390 px: nothing wider than the screen
 *   guard.assertClean()                              // no console error, no page error, no third-party request
 *
 * `guardPage` records from the moment it is attached; `assertClean` throws with every problem seen so far
 * (and forgets them, so one call per screen names the screen that failed). A test that provokes an
 * expected error passes `allowConsole: [/regexp/]`, or calls `guard.allow(/regexp/)` just before.
 */
import type { Page } from 'playwright-core'
import { ENGLISH_DENY_LIST } from './english-deny-list.js'

export { ENGLISH_DENY_LIST }

export interface GuardOptions {
  /** The app's origin, e.g. `http://127.0.0.1:3400`: any request to another host is a failure. */
  base: string
  /** Console errors matching one of these are expected (e.g. a 403 the test provokes on purpose). */
  allowConsole?: RegExp[]
}

export interface PageGuard {
  /** Every problem recorded since the last `assertClean` (console errors, page errors, foreign requests). */
  problems(): string[]
  /** Accept console errors matching `pattern` from now on. */
  allow(pattern: RegExp): void
  /** Throws listing the problems recorded since the last call, if any. */
  assertClean(where?: string): void
}

export function guardPage(page: Page, { base, allowConsole = [] }: GuardOptions): PageGuard {
  const allowed = [...allowConsole]
  const ownHost = new URL(base).host
  let problems: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = `${message.text()}${message.location().url ? ` (${message.location().url})` : ''}`
    if (!allowed.some((pattern) => pattern.test(text))) problems.push(`console error on ${page.url()}: ${text}`)
  })
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`))
  page.on('request', (request) => {
    const url = new URL(request.url())
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== ownHost) {
      problems.push(`request to a third-party host from ${page.url()}: ${request.url()}`)
    }
  })
  return {
    problems: () => [...problems],
    allow: (pattern) => void allowed.push(pattern),
    assertClean(where) {
      const seen = problems
      problems = []
      if (seen.length > 0) throw new Error(`${where ? `${where}: ` : ''}${seen.length} problem(s):\n${seen.join('\n')}`)
    },
  }
}

function wordPattern(entry: string): RegExp {
  const escaped = entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const before = /^\p{L}/u.test(entry) ? '(?<![\\p{L}\\p{N}_])' : ''
  const after = /\p{L}$/u.test(entry) ? '(?![\\p{L}\\p{N}_])' : ''
  return new RegExp(`${before}${escaped}${after}`, 'u')
}

/** The visible text of the page, plus the placeholders, aria-labels and titles of its elements. */
export async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = [document.body.innerText]
    for (const element of Array.from(document.querySelectorAll('[placeholder], [aria-label], [title]'))) {
      for (const attribute of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(attribute)
        if (value) texts.push(`${attribute}="${value}"`)
      }
    }
    return texts
  })
}

/** The deny-list entries found on the page, each with the line it was found in. */
export async function findEnglish(page: Page, denyList: readonly string[] = ENGLISH_DENY_LIST): Promise<string[]> {
  const lines = (await pageTexts(page)).flatMap((text) => text.split('\n')).map((line) => line.trim()).filter(Boolean)
  const found: string[] = []
  for (const entry of denyList) {
    const pattern = wordPattern(entry)
    const line = lines.find((candidate) => pattern.test(candidate))
    if (line !== undefined) found.push(`« ${entry} » in « ${line.slice(0, 120)} »`)
  }
  return found
}

/** Throws if any English UI string of the deny-list is on the page. */
export async function assertNoEnglish(page: Page, denyList: readonly string[] = ENGLISH_DENY_LIST): Promise<void> {
  const found = await findEnglish(page, denyList)
  if (found.length > 0) throw new Error(`English on ${page.url()}:\n${found.join('\n')}`)
}

/** Throws if the page scrolls sideways (at 390 px, nothing may be wider than the screen). */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement
    let widest = ''
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect()
      if (box.right > root.clientWidth + 1 && box.width > 0) {
        widest = `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''}.${String(element.className).slice(0, 60)} (right ${Math.round(box.right)} px)`
        break
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest }
  })
  if (scrollWidth > clientWidth) throw new Error(`horizontal scroll on ${page.url()}: ${scrollWidth} px of content in ${clientWidth} px; first overflowing element: ${widest}`)
}
