import type { LocaleTranslations } from 'adminjs'

/**
 * Complete French translation of AdminJS's core keys (AdminJS ships no `fr`). A host merges it under
 * its own keys (mergeTranslations): whatever the host already translated wins.
 */
export const fr: LocaleTranslations = {
  actions: {
    new: 'Créer',
    edit: 'Modifier',
    show: 'Afficher',
    delete: 'Supprimer',
    bulkDelete: 'Tout supprimer',
    list: 'Liste',
    search: 'Rechercher',
  },
  buttons: {
    save: 'Enregistrer',
    addNewItem: 'Ajouter un élément',
    filter: 'Filtrer',
    filterActive: 'Filtrer ({{count}})',
    applyChanges: 'Appliquer',
    resetFilter: 'Réinitialiser',
    confirmRemovalMany: 'Confirmer la suppression de {{count}} élément',
    confirmRemovalMany_plural: 'Confirmer la suppression de {{count}} éléments',
    logout: 'Se déconnecter',
    login: 'Se connecter',
    seeTheDocumentation: 'Voir : <1>la documentation</1>',
    createFirstRecord: 'Créer le premier élément',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    contactUs: 'Nous contacter',
  },
  components: {
    DropZone: {
      placeholder: 'Déposez votre fichier ici ou cliquez pour parcourir',
      acceptedSize: 'Taille max. : {{maxSize}}',
      acceptedType: 'Formats : {{mimeTypes}}',
      unsupportedSize: 'Le fichier {{fileName}} est trop volumineux',
      unsupportedType: 'Le fichier {{fileName}} a un type non pris en charge : {{fileType}}',
    },
    LanguageSelector: { availableLanguages: { fr: 'Français' } },
    Login: {
      welcomeHeader: 'Bienvenue',
      welcomeMessage: 'Connectez-vous pour continuer.',
      properties: { email: 'E-mail', password: 'Mot de passe' },
      loginButton: 'Se connecter',
    },
  },
  labels: {
    navigation: 'Navigation',
    pages: 'Pages',
    selectedRecords: 'Sélection ({{selected}})',
    filters: 'Filtres',
    adminVersion: 'Admin : {{version}}',
    appVersion: 'Application : {{version}}',
    dashboard: 'Tableau de bord',
    loginWelcome: 'Bienvenue',
  },
  properties: {
    length: 'Longueur',
    from: 'Du',
    to: 'Au',
    id: 'Identifiant',
    createdAt: 'Créé le',
    updatedAt: 'Modifié le',
  },
  resources: {},
  messages: {
    successfullyBulkDeleted: '{{count}} élément supprimé',
    successfullyBulkDeleted_plural: '{{count}} éléments supprimés',
    successfullyDeleted: 'Élément supprimé',
    successfullyUpdated: 'Modifications enregistrées',
    thereWereValidationErrors: 'Le formulaire contient des erreurs, voir ci-dessous',
    forbiddenError: "Vous n'avez pas le droit d'effectuer l'action {{actionName}} sur {{resourceId}}",
    anyForbiddenError: "Vous n'avez pas le droit d'effectuer cette action",
    successfullyCreated: 'Élément créé',
    bulkDeleteError: 'Erreur lors de la suppression des éléments',
    errorFetchingRecords: 'Erreur lors du chargement des éléments',
    errorFetchingRecord: "Erreur lors du chargement de l'élément",
    noRecordsSelected: "Vous n'avez sélectionné aucun élément",
    theseRecordsWillBeRemoved: "L'élément suivant sera supprimé",
    theseRecordsWillBeRemoved_plural: 'Les éléments suivants seront supprimés',
    pickSomeFirstToRemove: "Sélectionnez d'abord les éléments à supprimer",
    error404Resource: 'La ressource {{resourceId}} est introuvable',
    error404Action: "La ressource {{resourceId}} n'a pas d'action {{actionName}}, ou vous n'y avez pas accès",
    error404Record: "La ressource {{resourceId}} n'a pas d'élément {{recordId}}, ou vous n'y avez pas accès",
    seeConsoleForMore: 'Voir la console pour plus de détails…',
    noActionComponent: "Cette action n'a pas de composant",
    noRecordsInResource: 'Aucun élément pour le moment',
    noRecords: 'Aucun élément',
    confirmDelete: 'Voulez-vous vraiment supprimer cet élément ?',
    welcomeOnBoard_title: 'Bienvenue !',
    welcomeOnBoard_subtitle: 'Votre espace d’administration.',
    invalidCredentials: 'E-mail ou mot de passe incorrect',
    keyPlaceholder: 'CLÉ',
    valuePlaceholder: 'VALEUR',
    initialKey: 'Clé-{{number}}',
    keyInUse: 'Les clés doivent être uniques',
    keyValuePropertyDefaultDescription:
      'Toutes les valeurs sont enregistrées comme du texte. Les clés en double ne sont pas enregistrées.',
    pageNotFound_title: 'Page introuvable',
    pageNotFound_subtitle: "La page <strong>« {{pageName}} »</strong> n'existe pas",
    componentNotFound_title: 'Aucun composant',
    componentNotFound_subtitle: 'Aucun composant ne rend cet élément',
    readOnlyResource: 'Données en lecture seule',
  },
}

/** Yes/No badges of boolean columns, by property name. */
const BOOLEAN_PROPERTIES = ['associe', 'aVerifier', 'automatique']
for (const name of BOOLEAN_PROPERTIES) {
  Object.assign(fr.properties as Record<string, string>, { [`${name}.true`]: 'Oui', [`${name}.false`]: 'Non' })
}
