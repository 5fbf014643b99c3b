/**
 * POST /api/webhooks/qonto — outside the admin's auth, raw body (1 MB), signature checked before
 * anything else, event stored before the 2xx (Qonto wants an answer within 1 s), processed right after.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import express, { Router, type ErrorRequestHandler, type Request } from 'express'
import type { ReconciliationContext } from '../context.js'
import { recordDelivery, storedWebhookSecrets } from '../feed/webhook-subscription.service.js'
import { createEventWriter } from './event-writer.js'
import { classifyWebhookBody, type WebhookEnvelope } from './payload.js'
import type { WebhookQueue } from './processing-queue.js'
import { verifySignature } from './signature.js'

export const QONTO_WEBHOOK_PATH = '/api/webhooks/qonto'
const MAX_BODY = '1mb'

export interface QontoWebhookOptions {
  ctx: ReconciliationContext
  queue: WebhookQueue
  path?: string
  nowSeconds?: () => number
}

/**
 * For hosts that parse JSON globally: `app.use(express.json({ verify: keepRawBody }))` keeps the
 * exact bytes the signature covers, which the webhook route then uses.
 */
export function keepRawBody(req: IncomingMessage, _res: ServerResponse, buffer: Buffer): void {
  // Typed as body-parser's `verify` (Express 4 and 5 types): an object type of only optional keys would
  // be refused there by a strict host's compiler.
  ;(req as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer
}

const BODY_ALREADY_PARSED =
  "Le corps de la requête a déjà été lu par un autre middleware (express.json ?) : la signature Qonto ne peut pas être vérifiée. " +
  "Montez le routeur du webhook avant vos analyseurs de corps, ou utilisez express.json({ verify: keepRawBody })."

/** The exact bytes Qonto signed: read here, or kept by keepRawBody; null when a parser consumed them. */
function rawBodyOf(req: Request & { rawBody?: unknown; _body?: boolean }): Buffer | null {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody
  if (Buffer.isBuffer(req.body)) return req.body
  if (req._body || (req.body !== undefined && typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length > 0)) return null
  return Buffer.alloc(0)
}

export function createQontoWebhookRouter({ ctx, queue, path = QONTO_WEBHOOK_PATH, nowSeconds }: QontoWebhookOptions): Router {
  const { logger } = ctx
  const configured = ctx.webhookSecrets
  const router = Router()
  const events = createEventWriter(ctx)
  router.post(path, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    // The configured secrets, and those of the subscription the product manages (decrypted, cached briefly).
    let stored: string[]
    try {
      stored = await storedWebhookSecrets(ctx)
    } catch (error) {
      logger.error({ err: error }, 'qonto webhook secrets could not be read')
      if (configured.length === 0) {
        res.status(503).json({ error: 'Stockage indisponible, réessayez plus tard' })
        return
      }
      stored = []
    }
    const secrets = [...configured, ...stored]
    if (secrets.length === 0) {
      res.status(503).json({ error: "Webhook Qonto non configuré : aucun secret d'abonnement (webhookSecrets)." })
      return
    }
    const rawBody = rawBodyOf(req)
    if (rawBody === null) {
      logger.error({ path }, BODY_ALREADY_PARSED)
      res.status(500).json({ error: BODY_ALREADY_PARSED })
      return
    }
    const verification = verifySignature(req.get('x-qonto-signature'), rawBody, secrets, nowSeconds?.())
    if (!verification.ok) {
      logger.warn({ reason: verification.reason, ip: req.ip }, 'qonto webhook rejected')
      res.status(401).json({ error: 'Signature invalide' })
      return
    }
    void recordDelivery(ctx)
    const body = classifyWebhookBody(rawBody)
    if (body.kind === 'malformed') {
      res.status(400).json({ error: body.reason })
      return
    }
    if (body.kind === 'ignored') {
      res.status(200).json({ status: 'ignored', type: body.envelope.type })
      return
    }
    if (body.kind === 'rejected') {
      // Signed by Qonto but impossible data: kept once with its reason for the admin, never retried,
      // and answered 200 so Qonto stops re-sending it.
      try {
        await events.store({ ...body.envelope, ...(body.storable as object) } as WebhookEnvelope, body.reason)
        logger.warn({ eventId: body.envelope.id, reason: body.reason }, 'qonto webhook event rejected')
        res.status(200).json({ status: 'rejected', reason: body.reason })
      } catch (error) {
        logger.error({ err: error }, 'qonto webhook could not be stored')
        res.status(503).json({ error: 'Stockage indisponible, réessayez plus tard' })
      }
      return
    }
    try {
      const outcome = await events.store(body.envelope)
      res.status(200).json({ status: outcome === 'stored' ? 'received' : 'duplicate' })
      if (outcome === 'stored') queue.enqueue(body.envelope.id, body.record)
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
  router.use(path, tooLarge)
  return router
}
