/**
 * POST /api/webhooks/qonto — outside the admin's auth, raw body (1 MB), signature checked before
 * anything else, event stored before the 2xx (Qonto wants an answer within 1 s), processed right after.
 */
import express, { Router, type ErrorRequestHandler } from 'express'
import type { PrismaClient } from '@prisma/client'
import type { Logger } from '../logger.js'
import { storeEvent } from '../services/webhook-events.service.js'
import { envelopeSchema, TRANSACTIONS_TYPE } from './payload.js'
import type { ProcessingQueue } from './processing-queue.js'
import { verifySignature } from './signature.js'

export const QONTO_WEBHOOK_PATH = '/api/webhooks/qonto'
const MAX_BODY = '1mb'

export interface QontoWebhookOptions {
  prisma: PrismaClient
  logger: Logger
  /** QONTO_WEBHOOK_SECRET values (several during a rotation); none → 503. */
  secrets: string[]
  queue: ProcessingQueue
  nowSeconds?: () => number
}

export function createQontoWebhookRouter({ prisma, logger, secrets, queue, nowSeconds }: QontoWebhookOptions): Router {
  const router = Router()
  router.post(QONTO_WEBHOOK_PATH, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    if (secrets.length === 0) {
      res.status(503).json({ error: 'Webhook Qonto non configuré : QONTO_WEBHOOK_SECRET est manquant.' })
      return
    }
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    const verification = verifySignature(req.get('x-qonto-signature'), rawBody, secrets, nowSeconds?.())
    if (!verification.ok) {
      logger.warn({ reason: verification.reason, ip: req.ip }, 'qonto webhook rejected')
      res.status(401).json({ error: 'Signature invalide' })
      return
    }
    let json: unknown
    try {
      json = JSON.parse(rawBody.toString('utf8'))
    } catch {
      res.status(400).json({ error: 'Corps JSON invalide' })
      return
    }
    const envelope = envelopeSchema.safeParse(json)
    if (!envelope.success) {
      res.status(400).json({ error: `Enveloppe inattendue : ${envelope.error.issues[0]?.path.join('.') || 'racine'}` })
      return
    }
    if (envelope.data.type !== TRANSACTIONS_TYPE) {
      res.status(200).json({ status: 'ignored', type: envelope.data.type })
      return
    }
    try {
      const outcome = await storeEvent(prisma, envelope.data)
      res.status(200).json({ status: outcome === 'stored' ? 'received' : 'duplicate' })
      if (outcome === 'stored') queue.enqueue(envelope.data.id)
    } catch (error) {
      logger.error({ err: error }, 'qonto webhook could not be stored')
      res.status(503).json({ error: 'Stockage indisponible, réessayez plus tard' })
    }
  })
  const tooLarge: ErrorRequestHandler = (error, _req, res, next) => {
    if ((error as { type?: string }).type === 'entity.too.large') res.status(413).json({ error: 'Corps trop volumineux (1 Mo maximum)' })
    else if ((error as { status?: number }).status === 400) res.status(400).json({ error: 'Corps illisible' })
    else next(error)
  }
  router.use(QONTO_WEBHOOK_PATH, tooLarge)
  return router
}
