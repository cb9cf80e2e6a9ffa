import { Table } from '../../../../platform/web/components.tsx';
import type { LinePrompt } from '../prompts.service.ts';
import { PromptPlayer, PromptsBreadcrumb, promptPath, SourceBadge } from './parts.tsx';

/** GET /accueil/lignes/:lineId/annonces: every prompt of the line, to hear and to change. */
export function PromptsPage(props: { line: { id: string; name: string }; prompts: LinePrompt[] }) {
  const { line } = props;
  const own = props.prompts.filter((p) => p.kind === 'parcours');
  const system = props.prompts.filter((p) => p.kind === 'systeme');
  return (
    <>
      <PromptsBreadcrumb line={line} items={[{ label: 'Annonces' }]} />
      <h1>Annonces de la ligne « {line.name} »</h1>
      <p>
        Chaque annonce est dite par une voix de synthèse à partir de son texte, sauf si vous déposez un
        enregistrement : il est alors diffusé à la place. Écoutez-les ici telles que les appelants les
        entendent.
      </p>
      <PromptTable
        caption="Annonces du parcours (accueil, menus, services fermés)"
        line={line}
        prompts={own}
      />
      <PromptTable
        caption="Annonces du système (propositions de rappel, de message, de SMS, confirmations)"
        line={line}
        prompts={system}
      />
    </>
  );
}

function PromptTable(props: { caption: string; line: { id: string }; prompts: LinePrompt[] }) {
  return (
    <Table caption={props.caption} headers={['Annonce', 'Entendue', 'Texte', 'Source', 'Écouter', 'Action']}>
      {props.prompts.map((prompt) => (
        <tr>
          <td>
            <code>{prompt.key}</code>
          </td>
          <td class="fr-cell--multiline">{prompt.usage}</td>
          <td class="fr-cell--multiline">{prompt.text || <em>Aucun texte</em>}</td>
          <td>
            <SourceBadge prompt={prompt} />
          </td>
          <td>
            <PromptPlayer lineId={props.line.id} prompt={prompt} />
          </td>
          <td>
            <a
              href={promptPath(props.line.id, prompt.key)}
              aria-label={`Modifier l’annonce « ${prompt.key} »`}
            >
              Modifier
            </a>
          </td>
        </tr>
      ))}
    </Table>
  );
}
