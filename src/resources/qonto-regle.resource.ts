import type { ActionResponse } from 'adminjs'
import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, frenchPrismaResource, type ResourceDeps } from './common.js'
import { ENGLISH_RESOURCE_LABELS } from '../admin/locale/en-resources.js'

/**
 * "Règles hors facture": credits always explained without an invoice, per payer or IBAN. Created by
 * "Ignorer (hors facture)" only; read-only here except "Désactiver" (no edit, delete or new).
 */
export function createRegleResource(deps: ResourceDeps, customActions: Record<string, object> = {}) {
  const { ctx } = deps
  // How many payments each rule explained (a virtual column), one grouped query per page.
  const after = async (response: ActionResponse): Promise<ActionResponse> => {
    const records = response.records ?? (response.record ? [response.record] : [])
    if (records.length === 0) return response
    const counts = await ctx.prisma.transactionQonto.groupBy({ by: ['regleId'], where: { regleId: { in: records.map((r: { id: string }) => String(r.id)) } }, _count: true })
    const byRule = new Map(counts.map((c) => [c.regleId, c._count]))
    for (const record of records) record.params.paiementsExpliques = byRule.get(String(record.id)) ?? 0
    return response
  }
  return frenchPrismaResource(deps, 'QontoRegle', {
    id: 'QontoRegle',
    navigation: NAV_RAPPROCHEMENT,
    sort: { sortBy: 'createdAt', direction: 'desc' as const },
    listProperties: ['type', 'libelle', 'categorie', 'note', 'actif', 'paiementsExpliques', 'creePar', 'createdAt'],
    filterProperties: ['type', 'libelle', 'categorie', 'actif', 'createdAt'],
    showProperties: ['type', 'libelle', 'categorie', 'note', 'actif', 'paiementsExpliques', 'creePar', 'createdAt', 'updatedAt'],
    properties: {
      id: { isVisible: false },
      valeur: { isVisible: false },
      // The column a phone shows (AdminJS keeps only the title there).
      libelle: { isTitle: true },
      creeParId: { isVisible: false },
      transactions: { isVisible: false },
      paiementsExpliques: { type: 'number' as const, isSortable: false, isVisible: { list: true, show: true, filter: false, edit: false } },
    },
    actions: {
      ...readOnlyForEveryone,
      list: { ...readOnlyForEveryone.list, after },
      show: { ...readOnlyForEveryone.show, after },
      ...customActions,
    },
    translations: {
      en: ENGLISH_RESOURCE_LABELS.QontoRegle!,
      fr: {
        labels: { QontoRegle: 'Règles hors facture' },
        actions: { desactiver: 'Désactiver' },
        properties: {
          type: 'Type',
          'type.IBAN': 'IBAN',
          'type.PAYEUR': 'Payeur',
          libelle: 'Payeur ou IBAN',
          categorie: 'Catégorie',
          'categorie.REMBOURSEMENT': 'Remboursement',
          'categorie.VIREMENT_INTERNE': 'Virement interne',
          'categorie.APPORT': 'Apport (associé, capital)',
          'categorie.SUBVENTION': 'Subvention',
          'categorie.FRAIS_COMMISSION': 'Frais / commission',
          'categorie.AUTRE': 'Autre',
          note: 'Note',
          actif: 'Active',
          paiementsExpliques: 'Paiements expliqués',
          creePar: 'Créée par',
          createdAt: 'Créée le',
          updatedAt: 'Modifiée le',
        },
      },
    },
  })
}
