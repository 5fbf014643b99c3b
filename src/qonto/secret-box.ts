/**
 * Encryption at rest of the Qonto credentials (tokens, secret key, webhook secrets): AES-256-GCM
 * with a random 12-byte IV and a 16-byte authentication tag, stored as versioned text
 * `v1:<iv>:<tag>:<ciphertext>` (base64url). The key (32 bytes) comes from the host's configuration.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
const KEY_BYTES = 32

/** A sealed value could not be opened (tampered, wrong key, not a sealed value) or no key is configured. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError'
}

/**
 * Reads a 32-byte key written as hex (64 characters) or base64/base64url (44/43 characters).
 * Returns null and lets the caller word the error when the text is not such a key.
 */
export function parseEncryptionKey(text: string): Buffer | null {
  const trimmed = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (key.length === KEY_BYTES) return key
  }
  return null
}

/** The French explanation of what a valid key looks like (options and host configuration). */
export const ENCRYPTION_KEY_HINT =
  'clé de chiffrement attendue : 32 octets en hexadécimal (64 caractères) ou en base64 (44 caractères), par exemple `openssl rand -base64 32`'

function asKey(key: Uint8Array | string): Buffer {
  const buffer = typeof key === 'string' ? parseEncryptionKey(key) : Buffer.from(key)
  if (!buffer || buffer.length !== KEY_BYTES) throw new SecretBoxError(`Clé de chiffrement invalide (${ENCRYPTION_KEY_HINT}).`)
  return buffer
}

/** Encrypts `plain`; `context` (optional) is bound as associated data: opening needs the same one. */
export function sealSecret(plain: string, key: Uint8Array | string, context = ''): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', asKey(key), iv, { authTagLength: TAG_BYTES })
  if (context) cipher.setAAD(Buffer.from(context, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':')
}

/** Decrypts a value made by `sealSecret`; a tampered value, another key or another context → SecretBoxError (French). */
export function openSecret(sealed: string, key: Uint8Array | string, context = ''): string {
  const parts = sealed.split(':')
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('Secret chiffré illisible (format inconnu).')
  const [, ivText, tagText, dataText] = parts as [string, string, string, string]
  const iv = Buffer.from(ivText, 'base64url')
  const tag = Buffer.from(tagText, 'base64url')
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('Secret chiffré illisible (format inconnu).')
  try {
    const decipher = createDecipheriv('aes-256-gcm', asKey(key), iv, { authTagLength: TAG_BYTES })
    if (context) decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]).toString('utf8')
  } catch (error) {
    if (error instanceof SecretBoxError) throw error
    throw new SecretBoxError(
      'Impossible de déchiffrer le secret enregistré : la clé de chiffrement (encryptionKey / QONTO_ENCRYPTION_KEY) a changé ou la valeur a été altérée. Reconnectez Qonto.',
    )
  }
}

/** Whether a stored text looks like a sealed value (it never holds a plaintext). */
export function isSealed(value: string): boolean {
  return /^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/.test(value)
}

/** The context's encryption, bound to the configured key; without a key, seal/open throw a French error. */
export interface SecretBox {
  readonly available: boolean
  seal(plain: string, context?: string): string
  open(sealed: string, context?: string): string
  /** Whether this sealed value opens with the current key (false: a previous key, to re-seal). */
  isCurrent(sealed: string, context?: string): boolean
}

/**
 * A box sealing with `key` and opening with it or, during a rotation, with one of `previousKeys`
 * (what was sealed before the change stays readable until re-sealed: resealQontoSecrets).
 */
export function createSecretBox(key: Uint8Array | string | null | undefined, previousKeys: (Uint8Array | string)[] = []): SecretBox {
  if (key === null || key === undefined) {
    const missing = (): never => {
      throw new SecretBoxError(
        "Aucune clé de chiffrement configurée (option encryptionKey, variable QONTO_ENCRYPTION_KEY) : impossible d'enregistrer ou de lire une connexion Qonto.",
      )
    }
    return { available: false, seal: missing, open: missing, isCurrent: missing }
  }
  const buffer = asKey(key)
  const previous = previousKeys.map(asKey).filter((old) => !old.equals(buffer))
  const isCurrent = (sealed: string, context?: string) => {
    try {
      openSecret(sealed, buffer, context)
      return true
    } catch {
      return false
    }
  }
  return {
    available: true,
    seal: (plain, context) => sealSecret(plain, buffer, context),
    open(sealed, context) {
      try {
        return openSecret(sealed, buffer, context)
      } catch (error) {
        for (const old of previous) {
          try {
            return openSecret(sealed, old, context)
          } catch {
            // the next previous key, if any
          }
        }
        throw error
      }
    },
    isCurrent,
  }
}
