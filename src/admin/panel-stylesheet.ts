/**
 * The extension's lists as a host's stylesheet (AdminJS `assets.styles`, same origin: see README):
 * its own resources only, by AdminJS's data-css names. At 1440 px dates and amounts never wrap and
 * long texts are cut with "…" (the whole text in a title, EllipsisValue); below 769 px, where AdminJS
 * hides every column but the title, each row becomes a card: date · amount · payer · state. And the
 * keyboard focus ring AdminJS's buttons remove is drawn again.
 */
/** Per resource: the columns kept on a phone card, in the card's order; the others are hidden there. */
const CARDS: Record<string, string[]> = {
  TransactionQonto: ['dateTransaction', 'montant', 'emetteur', 'statut', 'associe', 'reference', 'associerEnUnClic'],
  QontoEmailOutbox: ['createdAt', 'destinataire', 'etat', 'sujet', 'transactionId'],
  QontoAllocation: ['createdAt', 'montant', 'paiement', 'factureRef', 'mode'],
  QontoAuditLog: ['date', 'action', 'acteur', 'paiement', 'factureRef'],
  QontoRegle: ['libelle', 'categorie', 'actif', 'paiementsExpliques'],
  QontoBankAccount: ['name', 'iban', 'balance', 'reconcile'],
}
const RESOURCE_IDS = Object.keys(CARDS)
/** Never broken: dates and amounts. */
const NO_WRAP = ['dateTransaction', 'createdAt', 'date', 'montant', 'montantAlloue', 'ecart', 'balance', 'envoyeLe', 'statut', 'etat', 'associe', 'aVerifier']

const row = (id: string) => `[data-css="${id}-table-row"]`
const cell = (id: string, property: string) => `[data-css="${id}-${property}-table-cell"]`

export function panelStylesheet(): string {
  const rows = RESOURCE_IDS.map(row).join(', ')
  const noWrap = RESOURCE_IDS.flatMap((id) => NO_WRAP.map((p) => cell(id, p))).join(',\n')
  const cards = Object.entries(CARDS)
    .map(([id, keep]) => [
      // The first ones read as one line: "24/11/2026 10:40  960,00 €  CAFÉ OLYMPE".
      `${row(id)} > td[data-property-name] { display: none !important; }`,
      ...keep.map((p, order) => `${row(id)} > td[data-property-name]${cell(id, p)} { display: block !important; order: ${order + 1}; }`),
    ].join('\n'))
    .join('\n')
  return `
/* qonto-reconcile: its lists and the keyboard focus (README, « Feuille de style »). */
${noWrap} { white-space: nowrap; }
:is(${rows}) > td { vertical-align: top; }
.qr-ellipsis { display: inline-block; max-width: 14em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
table:has(> tbody > :is(${rows})) th { white-space: nowrap; }
button:focus-visible, a:focus-visible, [role="button"]:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #3040d6 !important; outline-offset: 2px;
}
@media (max-width: 768px) {
  table:has(> tbody > :is(${rows})) { display: block; width: 100%; }
  table:has(> tbody > :is(${rows})) > thead { display: none; }
  table:has(> tbody > :is(${rows})) > tbody { display: block; }
  :is(${rows}) { display: flex !important; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; padding: 12px 8px; border-bottom: 1px solid #e6e8f0; height: auto !important; }
  :is(${rows}) > td { border: 0 !important; padding: 0 !important; height: auto !important; width: auto !important; max-width: 100%; min-width: 0; }
  :is(${rows}) > td:first-child:empty, :is(${rows}) > td[width="0"] { display: block !important; order: 0; }
  :is(${rows}) > td:last-child:not([data-property-name]) { display: block !important; order: 99; margin-left: auto; }
  :is(${rows}) .qr-ellipsis { max-width: 100%; }
${cards}
}
`
}
