import type { ActionContext, ActionRequest } from 'adminjs'
import type { Response } from 'express'
import type { ReconciliationContext } from '../../context.js'
import { exportFileName, exportRequestSchema, writeExport } from '../../reconcile/export.service.js'
import { signedIn } from '../access.js'
import { FecError } from '../../domain/export/fec.js'

/**
 * "Exporter": the form (component), and the download itself: a GET on this action's API route with
 * format/from/to streams the file straight to the response, behind the host's AdminJS login.
 * Any signed-in user may export (the accountant has the read-only role).
 */
export function exporterAction(ctx: ReconciliationContext, component: string) {
  return {
    actionType: 'resource' as const,
    icon: 'Download',
    component,
    isAccessible: signedIn,
    handler: async (request: ActionRequest, response: Response, _context: ActionContext) => {
      if (request.method !== 'get' || request.query?.format === undefined) return {}
      const parsed = exportRequestSchema.safeParse(request.query)
      if (!parsed.success) {
        response.status(400).type('text/plain; charset=utf-8').send(parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join('\n'))
        return undefined
      }
      const type = parsed.data.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8'
      try {
        // Headers only once the export is known to be complete (a FEC refused before its first byte).
        await writeExport(ctx, parsed.data, () => response.status(200).set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${exportFileName(parsed.data)}"` }))
        response.end()
      } catch (error) {
        if (error instanceof FecError && !response.headersSent) {
          // In the panel's language (the refusal is read in the browser's download).
          response.status(422).type('text/plain; charset=utf-8').send(error.in(ctx.panelLanguage.current))
          return undefined
        }
        // Never a truncated file that looks complete: the connection is cut, the browser reports a failed download.
        ctx.logger.error({ err: error }, 'export failed')
        response.destroy(error as Error)
      }
      // Nothing for AdminJS to send: the response is already written.
      return undefined
    },
  }
}
