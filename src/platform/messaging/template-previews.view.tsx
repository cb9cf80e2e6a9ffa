import { Breadcrumb } from '../web/components.tsx';
import { channelLabels, MESSAGES_PATH } from './messages.view.tsx';
import { Linkified } from './outbox.view.tsx';
import type { RenderedMessage } from './render.ts';
import type { TemplatePreview } from './template-previews.service.ts';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

function Content({ rendered, preview }: { rendered: RenderedMessage; preview: TemplatePreview }) {
  if ('error' in rendered) {
    return (
      <div class="fr-alert fr-alert--error fr-alert--sm">
        <p>Ce modèle ne se rend pas avec ses données d’exemple : {rendered.error}</p>
      </div>
    );
  }
  switch (rendered.channel) {
    case 'email':
      return (
        <>
          <p>
            <strong>Objet :</strong> {rendered.content.subject}
          </p>
          <p class="fr-text--sm fr-mb-1w">Version texte :</p>
          <pre class="tp-pre fr-text--sm">
            <Linkified text={rendered.content.text} />
          </pre>
          {rendered.content.html && (
            // Shown as source: the CSP forbids the inline styles emails need, so a rendered frame would lie.
            <details>
              <summary>Version HTML (code source)</summary>
              <pre class="tp-pre fr-text--xs">
                <code>{rendered.content.html}</code>
              </pre>
            </details>
          )}
          {rendered.content.attachments?.length ? (
            <p class="fr-text--sm">
              Pièces jointes : {rendered.content.attachments.map((a) => a.filename).join(', ')}
            </p>
          ) : null}
        </>
      );
    case 'sms': {
      const sms = preview.sms;
      return (
        <>
          <pre class="tp-pre">{sms?.text ?? rendered.content.text}</pre>
          {sms && (
            <p class="fr-text--sm">
              {plural(sms.characters, 'caractère', 'caractères')} · encodage {sms.encoding} ·{' '}
              <strong>{plural(sms.segments, 'segment', 'segments')}</strong> par envoi
              {sms.nonGsmCharacters.length > 0 &&
                ` · caractères hors de l’alphabet GSM : ${sms.nonGsmCharacters.join(' ')}`}
            </p>
          )}
        </>
      );
    }
    case 'letter':
      return (
        <>
          <p>
            <strong>Objet :</strong> {rendered.content.subject}
          </p>
          {rendered.content.paragraphs.map((paragraph) => (
            <p class="tp-pre">{paragraph}</p>
          ))}
          {rendered.content.signature && <p class="tp-pre">{rendered.content.signature}</p>}
        </>
      );
  }
}

export function TemplatePreviewsPage(props: { previews: TemplatePreview[]; territoryName: string | null }) {
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'Tableau de bord', href: '/tableau-de-bord' },
          { label: 'Messages', href: MESSAGES_PATH },
          { label: 'Modèles' },
        ]}
      />
      <h1>Modèles de messages</h1>
      <p class="fr-text--lead">
        Chaque courriel, SMS ou lettre que Tremplin peut envoyer, rendu avec ses données d’exemple
        {props.territoryName
          ? ` et le nom de votre territoire, ${props.territoryName}`
          : ' (sans territoire)'}
        .
      </p>
      <p>
        Les messages essentiels (connexion, rendez-vous) n’offrent pas de désabonnement ; les autres courriels
        portent un lien de désabonnement en un clic.
      </p>
      {props.previews.length === 0 && <p>Aucun modèle n’est enregistré.</p>}
      {props.previews.map((preview) => (
        <section class="fr-card fr-card--no-arrow fr-mb-3w" aria-labelledby={`modele-${preview.name}`}>
          <div class="fr-card__body">
            <div class="fr-card__content">
              <h2 class="fr-card__title" id={`modele-${preview.name}`}>
                {preview.description}
              </h2>
              <ul class="fr-badges-group fr-mt-1w">
                <li>
                  <p class="fr-badge fr-badge--sm fr-badge--no-icon">{channelLabels[preview.channel]}</p>
                </li>
                {preview.essential !== null && (
                  <li>
                    <p
                      class={`fr-badge fr-badge--sm fr-badge--no-icon${preview.essential ? ' fr-badge--info' : ''}`}
                    >
                      {preview.essential ? 'Essentiel' : 'Non essentiel (désabonnement possible)'}
                    </p>
                  </li>
                )}
              </ul>
              <p class="fr-card__detail">
                <span>
                  Modèle <code>{preview.name}</code>
                </span>
              </p>
              <div class="fr-card__desc">
                <Content rendered={preview.rendered} preview={preview} />
              </div>
            </div>
          </div>
        </section>
      ))}
    </>
  );
}
