import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { validateOptions } from '../../src/options.js'
import { createSecretBox, isSealed, openSecret, parseEncryptionKey, sealSecret, SecretBoxError } from '../../src/qonto/secret-box.js'

const key = randomBytes(32)
const token = 'qonto-refresh-token-4f1b2c3d9e8a7b6c'

describe('secret box (AES-256-GCM at rest)', () => {
  it('seals into the versioned text format without the plaintext, with a fresh IV each time, and opens it back', () => {
    const sealed = sealSecret(token, key)
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/)
    expect(isSealed(sealed)).toBe(true)
    expect(sealed).not.toContain(token)
    expect(sealed).not.toContain(Buffer.from(token).toString('base64url'))
    expect(sealSecret(token, key)).not.toBe(sealed)
    expect(openSecret(sealed, key)).toBe(token)
  })

  it('detects tampering of the ciphertext, the tag or the IV', () => {
    const sealed = sealSecret(token, key)
    const [v, iv, tag, data] = sealed.split(':') as [string, string, string, string]
    const flip = (text: string) => { const bytes = Buffer.from(text, 'base64url'); bytes[0]! ^= 1; return bytes.toString('base64url') }
    for (const tampered of [[v, iv, tag, flip(data)], [v, iv, flip(tag), data], [v, flip(iv), tag, data]]) {
      expect(() => openSecret(tampered.join(':'), key)).toThrow(/altérée/)
    }
    expect(() => openSecret('v2:' + sealed.slice(3), key)).toThrow(/format inconnu/)
    expect(() => openSecret(token, key)).toThrow(SecretBoxError)
  })

  it('refuses another key in French, and another context (associated data)', () => {
    const sealed = sealSecret(token, key, 'connection:accessToken')
    expect(() => openSecret(sealed, randomBytes(32), 'connection:accessToken')).toThrow(/Impossible de déchiffrer.*clé de chiffrement/)
    expect(() => openSecret(sealed, key, 'connection:refreshToken')).toThrow(SecretBoxError)
    expect(openSecret(sealed, key, 'connection:accessToken')).toBe(token)
  })

  it('reads the key as hex, base64 or base64url, and refuses anything else', () => {
    expect(parseEncryptionKey(key.toString('hex'))?.equals(key)).toBe(true)
    expect(parseEncryptionKey(key.toString('base64'))?.equals(key)).toBe(true)
    expect(parseEncryptionKey(key.toString('base64url'))?.equals(key)).toBe(true)
    expect(parseEncryptionKey('trop-court')).toBeNull()
    expect(parseEncryptionKey(randomBytes(16).toString('hex'))).toBeNull()
    const box = createSecretBox(key.toString('base64'))
    expect(box.available).toBe(true)
    expect(box.open(box.seal('x'))).toBe('x')
  })

  it('without a key, the box says so in French instead of storing anything', () => {
    const box = createSecretBox(undefined)
    expect(box.available).toBe(false)
    expect(() => box.seal(token)).toThrow(/Aucune clé de chiffrement configurée/)
  })

  it('an invalid encryptionKey option is refused at start with a French message', () => {
    expect(() => validateOptions({ encryptionKey: 'abc' } as never)).toThrow(/encryptionKey : clé de chiffrement attendue : 32 octets/)
  })
})
