import { type FormState, Input, PostForm } from '../../../../platform/web/components.tsx';
import { FormErrors } from '../../../../platform/web/fields.tsx';
import type { Line } from '../../tables.ts';
import { ConfigHeader, paths } from './common.tsx';

type Props = {
  line: Pick<Line, 'id' | 'name' | 'number'> & { configured: boolean };
  baseUrl: string;
  form: FormState;
  csrfToken: string;
};

/** Hosted voice provider (Twilio, Telnyx, SignalWire…): the addresses to give it and its secret. */
export function ProviderPage(props: Props) {
  const { line } = props;
  return (
    <>
      <ConfigHeader line={line} title="Fournisseur de téléphonie hébergé" />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <p>
            Si le numéro {line.number} est loué chez un fournisseur qui pilote les appels par webhooks (format
            TwiML), indiquez-lui ces deux adresses, en méthode POST :
          </p>
          <ul>
            <li>
              appel entrant : <code>{props.baseUrl}/accueil/webhook/voix</code>
            </li>
            <li>
              statut des appels : <code>{props.baseUrl}/accueil/webhook/voix/statut</code>
            </li>
          </ul>
          <p>
            {line.configured
              ? 'Un jeton est enregistré : les requêtes signées par le fournisseur sont acceptées.'
              : 'Aucun jeton n’est enregistré : les webhooks de cette ligne sont refusés.'}
          </p>
          <FormErrors form={props.form} labels={{ secret: 'Jeton du fournisseur' }} />
          <PostForm action={paths.provider(line.id)} csrfToken={props.csrfToken}>
            <Input
              form={props.form}
              name="secret"
              type="password"
              autocomplete="off"
              label="Jeton d’authentification du compte (auth token)"
              hint="Il vérifie la signature de chaque requête du fournisseur. Il n’est plus affiché ensuite."
              required
            />
            <button class="fr-btn" type="submit">
              Enregistrer le jeton
            </button>
          </PostForm>
          {line.configured && (
            <PostForm action={paths.provider(line.id)} csrfToken={props.csrfToken}>
              <input type="hidden" name="effacer" value="oui" />
              <button class="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
                Effacer le jeton et refuser les webhooks
              </button>
            </PostForm>
          )}
        </div>
      </div>
    </>
  );
}
