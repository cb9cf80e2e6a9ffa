/** The French words for the programme's states, in one place for every page and message. */

export const problemStatusLabels = {
  brouillon: 'Brouillon',
  soumis: 'Soumis',
  recevable: 'Recevable',
  irrecevable: 'Irrecevable',
  retenu: 'Retenu',
  non_retenu: 'Non retenu',
  reoriente: 'Réorienté',
  fusionne: 'Fusionné',
} as const;

export const phaseLabels = {
  investigation: 'Investigation',
  construction: 'Construction',
  acceleration: 'Accélération',
  consolidation: 'Consolidation',
  transfer: 'Transfert',
  alumni: 'Terminée (alumni)',
  abandon: 'Abandon',
} as const;

export const hypothesisStateLabels = {
  a_tester: 'À tester',
  en_test: 'En test',
  invalidee: 'Invalidée',
  confirmee: 'Confirmée',
} as const;

export const evidenceKindLabels = {
  entretien: 'Entretien',
  enquete: 'Enquête',
  donnees: 'Données',
  observation: 'Observation',
  document: 'Document',
} as const;

export const evidenceClaimLabels = {
  recurrence: 'Le problème est récurrent',
  consequences_usagers: 'Conséquences pour les usagers',
  consequences_collectivite: 'Conséquences pour la collectivité',
  solution: 'La solution répond au problème',
} as const;

export const confidenceLabels = { faible: 'Faible', moyenne: 'Moyenne', forte: 'Forte' } as const;

export const milestoneKindLabels = {
  lancement: 'Lancement',
  mi_parcours: 'Mi-parcours',
  restitution: 'Restitution',
  comite: 'Comité',
  autre: 'Autre',
} as const;

export const committeeDecisionLabels = {
  go: 'Go : startup de territoire, en construction',
  provisoire: 'Décision provisoire : preuves demandées',
  stop: 'Arrêt',
} as const;
