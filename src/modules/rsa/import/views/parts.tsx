/** Shared pieces of the import pages. */

export const stateLabels = {
  preview: 'À vérifier',
  applying: 'En cours',
  done: 'Terminé',
  failed: 'Échec',
  abandoned: 'Abandonné',
} as const;

export const importPath = (id: string, rest = '') => `/rsa/import/${id}${rest}`;

export function formatCount(n: number): string {
  return n.toLocaleString('fr-FR');
}

/** The DSFR stepper: which of the three steps the agent is at. */
export function Steps(props: { current: 1 | 2 | 3 }) {
  const titles = ['Dépôt du fichier', 'Vérification', 'Enregistrement'];
  const next = titles[props.current];
  return (
    <div class="fr-stepper">
      <h2 class="fr-stepper__title">
        {titles[props.current - 1]}
        <span class="fr-stepper__state">Étape {props.current} sur 3</span>
      </h2>
      <div class="fr-stepper__steps" data-fr-current-step={props.current} data-fr-steps="3" />
      {next && (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">Étape suivante :</span> {next}
        </p>
      )}
    </div>
  );
}
