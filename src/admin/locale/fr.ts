import type { LocaleTranslations } from 'adminjs'

/**
 * Complete French translation of AdminJS's core keys (AdminJS ships no `fr`). A host merges it under
 * its own keys (mergeTranslations): whatever the host already translated wins.
 */
export const fr: LocaleTranslations = {
  actions: {
    new: 'Créer',
    edit: 'Modifier',
    // Also the title of a record's page (the list's title is the resource's name, see index.ts).
    show: 'Détail',
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
    // AdminJS raises it without the action and resource names: a placeholder would be shown as is.
    forbiddenError: 'Votre rôle ne permet pas cette action.',
    anyForbiddenError: "Votre rôle ne permet pas cette action.",
    successfullyCreated: 'Élément créé',
    bulkDeleteError: 'Erreur lors de la suppression des éléments',
    errorFetchingRecords: 'Erreur lors du chargement des éléments',
    errorFetchingRecord: "Erreur lors du chargement de l'élément",
    noRecordsSelected: "Vous n'avez sélectionné aucun élément",
    theseRecordsWillBeRemoved: "L'élément suivant sera supprimé",
    theseRecordsWillBeRemoved_plural: 'Les éléments suivants seront supprimés',
    pickSomeFirstToRemove: "Sélectionnez d'abord les éléments à supprimer",
    // Maud reads these: no internal resource or action names.
    error404Resource: 'Cette page n’existe pas.',
    error404Action: 'Cette action n’est pas disponible ici, ou votre rôle ne la permet pas.',
    error404Record: 'Cet élément n’existe pas (ou plus), ou votre rôle ne permet pas de le voir.',
    seeConsoleForMore: 'Réessayez ; si cela persiste, prévenez l’administrateur.',
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
    // Also the title when the action exists but the role does not allow it.
    pageNotFound_title: 'Page indisponible',
    pageNotFound_subtitle: "La page <strong>« {{pageName}} »</strong> n'existe pas",
    componentNotFound_title: 'Aucun composant',
    componentNotFound_subtitle: 'Aucun composant ne rend cet élément',
    readOnlyResource: 'Données en lecture seule',
    // AdminJS's default dashboard (a host that keeps it).
    addingResources_title: 'Ajouter des ressources',
    addingResources_subtitle: 'Ajouter des éléments au menu',
    customizeResources_title: 'Personnaliser les ressources',
    customizeResources_subtitle: 'Comportement, champs et plus encore',
    customizeActions_title: 'Personnaliser les actions',
    customizeActions_subtitle: 'Modifier les actions ou en ajouter',
    writeOwnComponents_title: 'Écrire des composants',
    writeOwnComponents_subtitle: 'Adapter l’apparence du back-office',
    customDashboard_title: 'Tableau de bord personnalisé',
    customDashboard_subtitle: 'Adapter la page d’accueil',
    roleBasedAccess_title: 'Droits par rôle',
    roleBasedAccess_subtitle: 'Définir qui peut faire quoi',
    community_title: 'Communauté AdminJS',
    community_subtitle: 'Échanger avec les auteurs d’AdminJS et ses utilisateurs',
    foundBug_title: 'Un bogue ? Une amélioration ?',
    foundBug_subtitle: 'Signalez-le sur GitHub',
    needMoreSolutions_title: 'Besoin de plus ?',
    needMoreSolutions_subtitle: 'Des développements sur mesure autour d’AdminJS',
  },
}

/** Yes/No badges of boolean columns, by property name. */
const BOOLEAN_PROPERTIES = ['associe', 'aVerifier', 'automatique', 'aRapprocher', 'actif']
for (const name of BOOLEAN_PROPERTIES) {
  Object.assign(fr.properties as Record<string, string>, { [`${name}.true`]: 'Oui', [`${name}.false`]: 'Non' })
  // AdminJS's own boolean filter reads them as labels (a virtual boolean such as « À rapprocher » has no FrenchValue filter).
  Object.assign(fr.labels as Record<string, string>, { [`${name}.true`]: 'Oui', [`${name}.false`]: 'Non' })
}
