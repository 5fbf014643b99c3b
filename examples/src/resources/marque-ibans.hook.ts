import { ValidationError, type ActionRequest } from 'adminjs'
import { electronicFormatIBAN, isValidIBAN } from 'ibantools'

const normalizeIban = (value: string) => electronicFormatIBAN(value) ?? value.replace(/\s/g, '').toUpperCase()
const isValidIban = (value: string) => isValidIBAN(normalizeIban(value))

/** Normalises the client's IBANs (ibans.0, ibans.1… in the flattened payload) and rejects invalid ones. */
export async function normalizeMarqueIbans(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request
  const payload = { ...request.payload }
  for (const [key, value] of Object.entries(payload)) {
    if (!/^ibans\.\d+$/.test(key) || typeof value !== 'string') continue
    if (!isValidIban(value)) {
      throw new ValidationError({ [key]: { message: `IBAN invalide : « ${value} »` } })
    }
    payload[key] = normalizeIban(value)
  }
  return { ...request, payload }
}
