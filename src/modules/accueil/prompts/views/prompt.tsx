import { FileInput, type FormState, PostForm, SubmitButton } from '../../../../platform/web/components.tsx';
import { FormErrors, Textarea } from '../../../../platform/web/fields.tsx';
import type { LinePrompt } from '../prompts.service.ts';
import { MAX_PROMPT_TEXT } from '../schemas.ts';
import { PromptPlayer, PromptsBreadcrumb, promptPath, promptsPath, SourceBadge } from './parts.tsx';

const labels = { texte: 'Texte de l’annonce', fichier: 'Enregistrement' };

/** GET /accueil/lignes/:lineId/annonces/:key: hear one prompt, change its text, record it, go back to synthesis. */
export function PromptPage(props: {
  line: { id: string; name: string };
  prompt: LinePrompt;
  /** The formats this server converts, as said to people: « WAV, OGG ou FLAC ». */
  formats: string;
  accept: string;
  csrfToken: string;
  form: FormState;
}) {
  const { line, prompt, form } = props;
  const base = promptPath(line.id, prompt.key);
  const recorded = prompt.source === 'enregistrement';
  return (
    <>
      <PromptsBreadcrumb
        line={line}
        items={[{ label: 'Annonces', href: promptsPath(line.id) }, { label: prompt.key }]}
      />
      <h1>Annonce « {prompt.key} »</h1>
      <FormErrors form={form} labels={labels} />
      <dl class="fr-mb-3w">
        <dt class="fr-text--bold">Entendue</dt>
        <dd>{prompt.usage}</dd>
        <dt class="fr-text--bold">Source</dt>
        <dd>
          <SourceBadge prompt={prompt} />
        </dd>
      </dl>
      <PromptPlayer lineId={line.id} prompt={prompt} />

      <h2 class="fr-mt-4w">Texte</h2>
      <PostForm action={`${base}/texte`} csrfToken={props.csrfToken}>
        <Textarea
          form={form}
          name="texte"
          label={labels.texte}
          rows={4}
          required
          hint={[
            recorded
              ? 'Un enregistrement est diffusé à la place de ce texte, qui en reste la transcription (il est lu par les opérateurs qui ne diffusent pas de son).'
              : 'Dit par la voix de synthèse. Écrivez les nombres comme on les dit (« 8 heures 30 », « zéro six »).',
            prompt.defaultText ? `Texte d’origine : « ${prompt.defaultText} ».` : '',
            `${MAX_PROMPT_TEXT} caractères au plus.`,
          ]
            .filter(Boolean)
            .join(' ')}
        />
        <SubmitButton>Enregistrer le texte</SubmitButton>
      </PostForm>

      <h2 class="fr-mt-4w">Enregistrement</h2>
      <p>
        Déposez une annonce enregistrée par une personne de l’équipe : elle sera convertie pour le téléphone
        (8 kHz, mono) et son volume ajusté.
      </p>
      <PostForm action={`${base}/enregistrement`} csrfToken={props.csrfToken} multipart>
        <FileInput
          form={form}
          name="fichier"
          label={labels.fichier}
          hint={`Formats acceptés : ${props.formats}. 5 Mo et 3 minutes au plus.`}
          accept={props.accept}
          required
        />
        <SubmitButton>{recorded ? 'Remplacer l’enregistrement' : 'Déposer l’enregistrement'}</SubmitButton>
      </PostForm>

      {recorded && (
        <>
          <h2 class="fr-mt-4w">Revenir à la synthèse vocale</h2>
          <p>L’enregistrement est supprimé ; l’annonce dit de nouveau son texte avec la voix de synthèse.</p>
          <PostForm action={`${base}/synthese`} csrfToken={props.csrfToken}>
            <SubmitButton secondary>Revenir à la synthèse vocale</SubmitButton>
          </PostForm>
        </>
      )}
    </>
  );
}
