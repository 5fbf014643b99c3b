/**
 * Virtual properties that name a payment or an invoice as Maud reads them ("24/11/2026 · 2 100,00 € ·
 * Lumière SAS", "FACT-2026-110") with a link, filled in by an `after` hook of list and show (two
 * queries per page) and displayed by the LinkValue component: `<property>` is the text, `<property>Href` the link.
 */
import type { ActionResponse, RecordJSON } from 'adminjs'
import type { ReconciliationContext } from '../context.js'
import { linkTitles } from '../reconcile/payment-links.service.js'
import { actorIn, reconcileTexts } from '../i18n/reconcile-texts.js'

export interface LinkFields {
  /** Param holding the payment id, and the virtual property that shows it. */
  payment?: { from: string; to: string }
  invoice?: { from: string; to: string }
  /** More computed params per record. */
  extra?: (params: Record<string, unknown>) => Record<string, unknown>
  /** Params naming who did it: the extension's own actors (stored in French, "système (Qonto)") shown in the panel's language, a user as is. */
  actors?: string[]
  /**
   * The virtual property that titles the record (breadcrumb, page title). AdminJS searches a resource
   * by its title property in SQL, so a virtual one cannot be `isTitle`: the hook sets the title instead.
   */
  title?: string
}

export function linkTitlesAfter(ctx: ReconciliationContext, fields: LinkFields) {
  return async (response: ActionResponse): Promise<ActionResponse> => {
    const records: RecordJSON[] = response.records ?? (response.record ? [response.record] : [])
    const ids = (key?: string) => (key ? records.map((r) => r.params[key]).filter((v): v is string | number => v !== null && v !== undefined && v !== '').map(String) : [])
    const titles = await linkTitles(ctx, ids(fields.payment?.from), ids(fields.invoice?.from))
    const notFound = reconcileTexts(ctx.panelLanguage.current).lines.notFound
    for (const record of records) {
      const set = (field: { from: string; to: string } | undefined, map: Map<string, { title: string; href: string }>) => {
        if (!field) return
        const id = record.params[field.from]
        const found = id === null || id === undefined ? undefined : map.get(String(id))
        record.params[field.to] = found?.title ?? (id ? notFound : '')
        record.params[`${field.to}Href`] = found?.href ?? ''
      }
      set(fields.payment, titles.payment)
      set(fields.invoice, titles.invoice)
      for (const key of fields.actors ?? []) if (typeof record.params[key] === 'string') record.params[key] = actorIn(ctx.panelLanguage.current, record.params[key])
      if (fields.extra) Object.assign(record.params, fields.extra(record.params))
      if (fields.title && record.params[fields.title]) record.title = String(record.params[fields.title])
    }
    return response
  }
}
