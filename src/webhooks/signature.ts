/**
 * Qonto webhook signatures (API.md §7): header `X-Qonto-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256
 * over `t + "." + rawBody` with the subscription secret, compared in constant time; a `t` more than
 * 5 minutes away from now is refused. Several secrets may be configured during a rotation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60

export type Verification = { ok: true } | { ok: false; reason: string }

export function signPayload(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')
}

export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secrets: string[],
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Verification {
  if (!header) return { ok: false, reason: 'missing X-Qonto-Signature header' }
  const parsed = parseHeader(header)
  if (!parsed) return { ok: false, reason: 'malformed X-Qonto-Signature header' }
  if (Math.abs(nowSeconds - parsed.timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'timestamp outside the 5-minute tolerance' }
  }
  let valid = false
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, parsed.timestamp, rawBody), 'hex')
    for (const candidate of parsed.signatures) {
      // Every pair is compared (no early exit) so timing does not tell which secret matched.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) valid = true
    }
  }
  return valid ? { ok: true } : { ok: false, reason: 'signature mismatch' }
}

function parseHeader(header: string): { timestamp: number; signatures: Buffer[] } | null {
  let timestamp: number | null = null
  const signatures: Buffer[] = []
  for (const part of header.split(',')) {
    const separator = part.indexOf('=')
    if (separator <= 0) return null
    const key = part.slice(0, separator).trim()
    const value = part.slice(separator + 1).trim()
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return null
      timestamp = Number(value)
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return null
      signatures.push(Buffer.from(value.toLowerCase(), 'hex'))
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures }
}
