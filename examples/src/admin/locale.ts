import { adminjsFrench, mergeTranslations } from 'qonto-reconcile'

/**
 * The agency's own texts over AdminJS's in French (AdminJS ships no French: the package exports one);
 * qonto-reconcile's own French labels are merged under them (reconciliation.locale).
 */
export const hostLocale = mergeTranslations({
  language: 'fr',
  availableLanguages: ['fr'],
  translations: {
    fr: {
      components: {
        Login: {
          welcomeHeader: 'Bienvenue',
          welcomeMessage: "dans le back-office de l'agence : rapprochement des paiements Qonto avec les factures clients.",
          properties: { email: 'E-mail', password: 'Mot de passe' },
          loginButton: 'Se connecter',
        },
      },
      messages: {
        welcomeOnBoard_subtitle: 'Rapprochez les paiements Qonto et les factures clients.',
        // A save refused or failed on the server (components/NoticeBox.tsx).
        saveFailed: 'L’enregistrement a échoué : réessayez ; si cela persiste, prévenez l’administrateur.',
      },
      labels: { Facturation: 'Facturation', Administration: 'Administration' },
      properties: { 'actif.true': 'Oui', 'actif.false': 'Non', 'lu.true': 'Oui', 'lu.false': 'Non' },
    },
  },
}, { fr: adminjsFrench })
