import { MessagePage } from '../../../web/pages.tsx';

export type LinkKind = 'invitation' | 'manage';

/**
 * A link that does not open: not signed by us or altered (404), or genuine but expired (410).
 * Said plainly, with what to do instead; the page never tells which part of the link was wrong.
 */
export function LinkProblemPage({ kind, problem }: { kind: LinkKind; problem: 'invalid' | 'expired' }) {
  if (kind === 'invitation') {
    return problem === 'expired' ? (
      <MessagePage title="Cette invitation a expiré">
        <p class="fr-text--lead">Le lien de votre invitation n’est plus valable.</p>
        <p>
          Contactez le service qui vous a invité pour en recevoir un nouveau, ou prenez rendez-vous sans
          invitation si votre commune le permet.
        </p>
        <p>
          <a class="fr-link" href="/rdv">
            Prendre rendez-vous sans invitation
          </a>
        </p>
      </MessagePage>
    ) : (
      <MessagePage title="Ce lien d’invitation ne fonctionne pas">
        <p class="fr-text--lead">Le lien est incomplet ou a été modifié.</p>
        <p>
          Copiez-le en entier depuis le message reçu (SMS, courriel ou courrier), ou contactez le service qui
          vous a invité.
        </p>
      </MessagePage>
    );
  }
  return problem === 'expired' ? (
    <MessagePage title="Ce lien a expiré">
      <p class="fr-text--lead">
        Le lien pour gérer ce rendez-vous n’est plus valable : le rendez-vous est passé.
      </p>
      <p>Pour un nouveau rendez-vous, recommencez depuis la page de prise de rendez-vous.</p>
      <p>
        <a class="fr-link" href="/rdv">
          Prendre un nouveau rendez-vous
        </a>
      </p>
    </MessagePage>
  ) : (
    <MessagePage title="Ce lien ne fonctionne pas">
      <p class="fr-text--lead">Le lien pour gérer votre rendez-vous est incomplet ou a été modifié.</p>
      <p>
        Ouvrez-le directement depuis le message de confirmation reçu (SMS ou courriel). S’il ne fonctionne
        toujours pas, appelez le lieu du rendez-vous.
      </p>
    </MessagePage>
  );
}
