import { MessagePage } from '../web/pages.tsx';

/**
 * The page a List-Unsubscribe link opens. Opening it changes nothing (mail scanners follow links):
 * the button does. The form carries no CSRF token: the link's signature is what authorises it.
 */
export function UnsubscribePage(props: { address: string; alreadyOptedOut: boolean; action: string }) {
  if (props.alreadyOptedOut) {
    return (
      <MessagePage title="Vous êtes déjà désabonné">
        <p class="fr-text--lead">
          L’adresse <strong>{props.address}</strong> ne reçoit plus de courriels non essentiels de Tremplin.
        </p>
        <EssentialNotice />
      </MessagePage>
    );
  }
  return (
    <MessagePage title="Ne plus recevoir ces courriels">
      <p class="fr-text--lead">
        Voulez-vous que l’adresse <strong>{props.address}</strong> ne reçoive plus de courriels non essentiels
        de Tremplin (rappels, informations) ?
      </p>
      <EssentialNotice />
      <form method="post" action={props.action}>
        <button type="submit" class="fr-btn">
          Me désabonner
        </button>
      </form>
    </MessagePage>
  );
}

export function UnsubscribedPage(props: { address: string }) {
  return (
    <MessagePage title="Vous êtes désabonné">
      <p class="fr-text--lead">
        L’adresse <strong>{props.address}</strong> ne recevra plus de courriels non essentiels de Tremplin.
      </p>
      <EssentialNotice />
    </MessagePage>
  );
}

function EssentialNotice() {
  return (
    <p>
      Les messages essentiels continuent d’arriver : liens de connexion, convocations et rendez-vous. Pour
      vous réabonner, adressez-vous au service qui vous écrivait.
    </p>
  );
}
