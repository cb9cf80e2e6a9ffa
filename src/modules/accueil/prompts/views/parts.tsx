import { Breadcrumb } from '../../../../platform/web/components.tsx';
import type { LinePrompt } from '../prompts.service.ts';

export const promptsPath = (lineId: string) => `/accueil/lignes/${lineId}/annonces`;
export const promptPath = (lineId: string, key: string) =>
  `${promptsPath(lineId)}/${encodeURIComponent(key)}`;
/** The preview; `v` changes with the prompt, so the browser may keep each version for a day. */
export const previewPath = (lineId: string, prompt: Pick<LinePrompt, 'key' | 'version'>) =>
  `${promptPath(lineId, prompt.key)}.wav?v=${encodeURIComponent(prompt.version)}`;

export function PromptsBreadcrumb(props: {
  line: { id: string; name: string };
  items: { label: string; href?: string }[];
}) {
  return (
    <Breadcrumb
      items={[
        { label: 'Accueil téléphonique', href: '/accueil' },
        { label: props.line.name, href: `/accueil/lignes/${props.line.id}` },
        ...props.items,
      ]}
    />
  );
}

function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

/** « Synthèse vocale » or « Enregistrement (1 min 05 s) », as a badge with words (not colour alone). */
export function SourceBadge({ prompt }: { prompt: Pick<LinePrompt, 'source' | 'durationMs'> }) {
  return prompt.source === 'enregistrement' ? (
    <span class="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">
      Enregistrement{prompt.durationMs !== null ? ` (${duration(prompt.durationMs)})` : ''}
    </span>
  ) : (
    <span class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Synthèse vocale</span>
  );
}

/** Whether the prompt has anything to say: a recording or a text. */
export const audible = (prompt: Pick<LinePrompt, 'source' | 'text'>) =>
  prompt.source === 'enregistrement' || prompt.text.trim() !== '';

/** The player; preload="none" so that a page of thirty prompts synthesises nothing until one is played. */
export function PromptPlayer(props: { lineId: string; prompt: LinePrompt }) {
  const { prompt } = props;
  if (!audible(prompt)) return <p class="fr-text--sm fr-mb-0">Aucun texte : l’annonce est muette.</p>;
  const src = previewPath(props.lineId, prompt);
  return (
    // biome-ignore lint/a11y/useMediaCaption: the prompt's text, its transcript, is shown beside the player
    <audio controls preload="none" src={src} aria-label={`Écouter l’annonce « ${prompt.key} »`}>
      <a href={src}>Écouter l’annonce « {prompt.key} » (WAV)</a>
    </audio>
  );
}
