import type { Request, Response } from 'express'
import type { PrismaClient } from '@prisma/client'
import type { Logger } from '../logger.js'
import { exportFileName, exportRequestSchema, writeExport } from '../services/export.service.js'

/** GET /admin/exports?format=csv|fec&from=&to= — a download for any signed-in user (read-only data). */
export function exportHandler(prisma: PrismaClient, logger: Logger) {
  return async (req: Request, res: Response) => {
    if (!(req.session as { adminUser?: unknown } | undefined)?.adminUser) {
      res.status(401).type('text/plain; charset=utf-8').send('Connexion requise.')
      return
    }
    const request = exportRequestSchema.safeParse(req.query)
    if (!request.success) {
      res.status(400).type('text/plain; charset=utf-8').send(request.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join('\n'))
      return
    }
    const type = request.data.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8'
    res.status(200).set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${exportFileName(request.data)}"` })
    try {
      await writeExport(prisma, request.data, res)
      res.end()
    } catch (error) {
      logger.error({ err: error }, 'export failed')
      res.destroy(error as Error)
    }
  }
}
