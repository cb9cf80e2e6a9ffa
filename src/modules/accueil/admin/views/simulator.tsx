import { type FormState, PostForm } from '../../../../platform/web/components.tsx';
import { Checkbox, Field, FormErrors } from '../../../../platform/web/fields.tsx';
import type { Line } from '../../tables.ts';
import { formatMoment } from '../hours-format.ts';
import type { SimulatedCall, TranscriptEntry, Waiting } from '../simulator/simulate.ts';
import { MESSAGE_SECONDS } from '../simulator/simulate.ts';
import { startLabels } from '../simulator/simulator.service.ts';
import { ConfigHeader, paths } from './common.tsx';

const WHO: Record<TranscriptEntry['who'], string> = {
  appelant: 'Vous',
  serveur: 'Le serveur vocal dit',
  attente: 'Attente',
  effet: 'En vrai',
};

const timeOfDay = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/Paris',
});

const KEYPAD = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['*', '0', '#'],
];
const keyLabel = (key: string) => (key === '*' ? 'étoile' : key === '#' ? 'dièse' : key);

type Props = {
  line: Pick<Line, 'id' | 'name'>;
  csrfToken: string;
  start: FormState;
  /** A message above the start form (the configuration changed since the simulation began). */
  notice?: string;
  call?: { token: string; call: SimulatedCall; waiting: Waiting; startedAt: Date };
};

export function SimulatorPage(props: Props) {
  return (
    <>
      <ConfigHeader
        line={props.line}
        title="Simulateur d’appel"
        lead="Le serveur vocal tel que les appelants l’entendent, avec la configuration enregistrée. Aucun appel n’est passé : rien n’est enregistré ni envoyé."
      />
      {props.notice && (
        <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
          <p>{props.notice}</p>
        </div>
      )}
      {props.call ? <CallInProgress {...props} call={props.call} /> : <StartForm {...props} />}
    </>
  );
}

function StartForm(props: Props) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <FormErrors form={props.start} labels={startLabels} />
        <PostForm action={paths.simulator(props.line.id)} csrfToken={props.csrfToken}>
          <p>
            Choisissez le moment de l’appel (heure de Paris) pour essayer les horaires, les jours fériés et
            les fermetures.
          </p>
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
              <Field form={props.start} type="date" name="jour" label="Jour de l’appel" required />
            </div>
            <div class="fr-col-12 fr-col-md-6">
              <Field form={props.start} type="time" name="heure" label="Heure de l’appel" required />
            </div>
          </div>
          <Field
            form={props.start}
            type="tel"
            name="numero"
            label="Numéro de l’appelant"
            hint="Celui que le réseau présente, par exemple 06 12 34 56 78. Vide : numéro masqué."
            autocomplete="off"
          />
          <Checkbox form={props.start} name="masque" label="Numéro masqué" />
          <button type="submit" class="fr-btn" name="action" value="demarrer">
            Appeler
          </button>
        </PostForm>
      </div>
    </div>
  );
}

function CallInProgress(props: Props & { call: NonNullable<Props['call']> }) {
  const { call, waiting, token, startedAt } = props.call;
  const action = `${paths.simulator(props.line.id)}#touches`;
  return (
    <>
      <p>Appel simulé le {formatMoment(startedAt)}.</p>
      <h2 class="fr-h5">Déroulé de l’appel</h2>
      <ol class="fr-mb-4w" id="deroule">
        {call.transcript.map((entry) => (
          <li>
            <span class="fr-text--sm">{timeOfDay.format(new Date(entry.at))}</span> –{' '}
            <strong>{WHO[entry.who]} :</strong> {entry.text}
          </li>
        ))}
      </ol>
      <div id="touches">
        {waiting.kind === 'ended' ? (
          <div class="fr-callout">
            <p class="fr-callout__text">L’appel est terminé.</p>
          </div>
        ) : (
          <h2 class="fr-h5">{waitingTitle(waiting)}</h2>
        )}
        {waiting.kind === 'keys' && call.typed && (
          <p>Touches tapées : {[...call.typed].map(keyLabel).join(' ')}</p>
        )}
        {waiting.kind !== 'ended' && (
          <PostForm action={action} csrfToken={props.csrfToken}>
            <input type="hidden" name="etat" value={token} />
            {waiting.kind === 'keys' && (
              <fieldset class="fr-fieldset fr-mb-3w">
                <legend class="fr-sr-only">Clavier du téléphone</legend>
                {KEYPAD.map((row) => (
                  <div class="fr-grid-row fr-grid-row--gutters fr-mb-1w">
                    {row.map((key) => (
                      <div class="fr-col-4 fr-col-md-2">
                        <button
                          type="submit"
                          name="digit"
                          value={key}
                          class="fr-btn fr-btn--lg fr-btn--secondary"
                          aria-label={`touche ${keyLabel(key)}`}
                        >
                          {key}
                        </button>
                      </div>
                    ))}
                  </div>
                ))}
              </fieldset>
            )}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              {waiting.kind === 'keys' && (
                <li>
                  <button type="submit" name="action" value="rien" class="fr-btn fr-btn--secondary">
                    Ne rien taper
                  </button>
                </li>
              )}
              {waiting.kind === 'transfer' && (
                <>
                  <li>
                    <button type="submit" name="action" value="decroche" class="fr-btn">
                      L’agent décroche
                    </button>
                  </li>
                  <li>
                    <button type="submit" name="action" value="personne" class="fr-btn fr-btn--secondary">
                      Personne ne répond
                    </button>
                  </li>
                </>
              )}
              {waiting.kind === 'record' && (
                <li>
                  <button type="submit" name="action" value="message" class="fr-btn">
                    Laisser un message de {MESSAGE_SECONDS} s
                  </button>
                </li>
              )}
              <li>
                <button type="submit" name="action" value="raccrocher" class="fr-btn fr-btn--tertiary">
                  Raccrocher
                </button>
              </li>
            </ul>
          </PostForm>
        )}
        {waiting.kind === 'keys' && waiting.maxDigits > 1 && (
          <PostForm action={action} csrfToken={props.csrfToken}>
            <input type="hidden" name="etat" value={token} />
            <Field
              form={{ values: {}, errors: {} }}
              type="tel"
              name="suite"
              label="Taper un numéro d’un coup"
              hint="Par exemple 0612345678."
              inputMode="tel"
              autocomplete="off"
            />
            <button type="submit" name="action" value="suite" class="fr-btn fr-btn--secondary">
              Taper ce numéro
            </button>
          </PostForm>
        )}
      </div>
      <p class="fr-mt-4w">
        <a class="fr-link" href={paths.simulator(props.line.id)}>
          Recommencer avec un autre appel
        </a>
        {' · '}
        <a class="fr-link" href={paths.overview(props.line.id)}>
          Retour à la configuration
        </a>
      </p>
    </>
  );
}

function waitingTitle(waiting: Waiting): string {
  switch (waiting.kind) {
    case 'keys':
      return waiting.maxDigits === 1 ? 'Tapez une touche' : `Tapez un numéro (${waiting.maxDigits} chiffres)`;
    case 'transfer':
      return 'Le poste du service sonne';
    case 'record':
      return 'Le serveur enregistre votre message';
    case 'connected':
      return 'Vous parlez avec l’agent';
    default:
      return '';
  }
}
