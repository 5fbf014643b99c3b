import type { Client, Invoice, Payment } from '../../src/domain/matching/index.js'

export const GLOW: Client = { id: 'c-glow', name: 'Glow Cosmetics SAS', ibans: ['FR76 3000 4008 2300 0123 4567 819'] }
export const LUMIERE: Client = { id: 'c-lumiere', name: 'Maison Lumière SARL', ibans: ['FR1420041010050500013M02606'] }
export const PIXEL: Client = { id: 'c-pixel', name: 'Pixel & Plume', ibans: [] }
export const NORDIK: Client = { id: 'c-nordik', name: 'Nordik Design', ibans: [] }
export const NORDIK_BIS: Client = { id: 'c-nordik-2', name: 'Nordik Design', ibans: [] }

export function invoice(id: string, number: string, clientId: string | null, totalCents: number, extra: Partial<Invoice> = {}): Invoice {
  return { id, number, clientId, totalCents, issueDate: '2026-10-31', dueDate: '2026-11-30', status: 'ENVOYE', ...extra }
}

export function payment(amountCents: number, extra: Partial<Payment> = {}): Payment {
  return { id: 'tx-1', amountCents, settledAt: '2026-11-20T10:00:00Z', side: 'credit', ...extra }
}
