import type { ComponentChildren } from 'preact';

/** The body of an error or information page. */
export function MessagePage({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>{title}</h1>
        {children}
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
          <li>
            <a class="fr-btn" href="/">
              Page d’accueil
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}

export const errorTitles: Record<number, string> = {
  400: 'La demande n’est pas valide',
  401: 'Connexion nécessaire',
  403: 'Accès refusé',
  404: 'Page introuvable',
  409: 'Conflit',
  429: 'Trop de demandes',
  500: 'Erreur inattendue',
  503: 'Service momentanément indisponible',
};
