import type { ComponentChildren } from 'preact';
import { Breadcrumb } from '../../../../platform/web/components.tsx';
import type { FlowDefinition, Target } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';

/** Paths of the configuration pages of a line. */
export const paths = {
  overview: (lineId: string) => `/accueil/lignes/${lineId}/configuration`,
  retention: (lineId: string) => `/accueil/lignes/${lineId}/configuration/ligne`,
  general: (lineId: string) => `/accueil/lignes/${lineId}/configuration/parcours`,
  newMenu: (lineId: string) => `/accueil/lignes/${lineId}/configuration/menus/nouveau`,
  menu: (lineId: string, key: string) => `/accueil/lignes/${lineId}/configuration/menus/${key}`,
  removeMenu: (lineId: string, key: string) =>
    `/accueil/lignes/${lineId}/configuration/menus/${key}/supprimer`,
  newService: (lineId: string) => `/accueil/lignes/${lineId}/configuration/services/nouveau`,
  service: (lineId: string, key: string) => `/accueil/lignes/${lineId}/configuration/services/${key}`,
  removeService: (lineId: string, key: string) =>
    `/accueil/lignes/${lineId}/configuration/services/${key}/supprimer`,
  hours: (lineId: string, key: string) => `/accueil/lignes/${lineId}/configuration/services/${key}/horaires`,
  closures: (lineId: string, key: string) =>
    `/accueil/lignes/${lineId}/configuration/services/${key}/fermetures`,
  removeClosure: (lineId: string, key: string) =>
    `/accueil/lignes/${lineId}/configuration/services/${key}/fermetures/retirer`,
  simulator: (lineId: string) => `/accueil/lignes/${lineId}/simulateur`,
  provider: (lineId: string) => `/accueil/lignes/${lineId}/configuration/fournisseur`,
};

/** Breadcrumb and the page's one h1. */
export function ConfigHeader(props: {
  line: Pick<Line, 'id' | 'name'>;
  title: string;
  lead?: ComponentChildren;
  overview?: boolean;
}) {
  const crumbs = [
    { label: 'Accueil téléphonique', href: '/accueil' },
    props.overview
      ? { label: `Configuration – ${props.line.name}` }
      : { label: `Configuration – ${props.line.name}`, href: paths.overview(props.line.id) },
    ...(props.overview ? [] : [{ label: props.title }]),
  ];
  return (
    <>
      <Breadcrumb items={crumbs} />
      <h1 class="fr-mb-1w">{props.title}</h1>
      {props.lead && <p class="fr-text--lead">{props.lead}</p>}
    </>
  );
}

/** The version the form was opened at, checked on save (two admins editing at once). */
export function VersionField({ version }: { version: string }) {
  return <input type="hidden" name="version" value={version} />;
}

export function FormButtons(props: { lineId: string; label?: string }) {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
      <li>
        <button type="submit" class="fr-btn">
          {props.label ?? 'Enregistrer'}
        </button>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={paths.overview(props.lineId)}>
          Annuler
        </a>
      </li>
    </ul>
  );
}

/** What a key leads to, in words: « service ASPI (aspi) », « sous-menu « familles » ». */
export function targetLabel(flow: FlowDefinition, target: Target | undefined): string {
  if (!target) return '—';
  if ('menu' in target) return `sous-menu « ${target.menu} »`;
  const service = flow.services.find((s) => s.key === target.service);
  return service ? `service ${service.name}` : `service « ${target.service} » (inexistant)`;
}

/** The options of a « where does this key lead » select. */
export function targetOptions(flow: FlowDefinition, exceptMenu?: string) {
  return [
    ...flow.services.map((s) => ({ value: `service:${s.key}`, label: `Service : ${s.name}` })),
    ...flow.menus
      .filter((m) => m.key !== exceptMenu)
      .map((m) => ({ value: `menu:${m.key}`, label: `Sous-menu : ${m.key}` })),
  ];
}

/** A prompt key with its text when the line has one (or the system's default). */
export function PromptText(props: { promptKey: string; texts: Record<string, string> }) {
  const text = props.texts[props.promptKey];
  return (
    <>
      <code>{props.promptKey}</code>
      {text ? (
        <> : « {text} »</>
      ) : (
        <>
          {' '}
          : <em>aucun texte ni enregistrement pour ce message</em>
        </>
      )}
    </>
  );
}
