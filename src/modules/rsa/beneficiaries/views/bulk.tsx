import { PostForm, Select } from '../../../../platform/web/components.tsx';
import { BULK_LIMIT } from '../list.service.ts';
import { channelChoices } from './list.tsx';
import { RsaBreadcrumb } from './parts.tsx';

/**
 * « Inviter tous les non invités du filtre »: a confirmation page holding their ids (the oldest rights
 * first, BULK_LIMIT at most), posted to the invitations' bulk route like a selection.
 */
export function BulkInvitePage(props: { ids: string[]; total: number; back: string; csrfToken: string }) {
  const { ids, total } = props;
  return (
    <>
      <RsaBreadcrumb items={[{ label: 'Inviter les non invités' }]} />
      <h1>Inviter les personnes non invitées</h1>
      {ids.length === 0 ? (
        <p>Aucune personne de cette liste n’attend d’invitation, ou vous ne pouvez pas les inviter.</p>
      ) : (
        <PostForm action="/rsa/invitations" csrfToken={props.csrfToken}>
          <p>
            {ids.length === 1
              ? 'Une personne de cette liste n’a pas encore été invitée.'
              : `${ids.length.toLocaleString('fr-FR')} personnes de cette liste n’ont pas encore été invitées.`}
            {total > ids.length &&
              ` Elles sont ${total.toLocaleString('fr-FR')} en tout : les ${BULK_LIMIT.toLocaleString('fr-FR')} qui attendent depuis le plus longtemps seront invitées maintenant, les autres ensuite.`}
          </p>
          <p>
            Chacune reçoit un lien personnel pour choisir son premier rendez-vous. Personne n’est invité quand
            aucun créneau n’est libre dans son secteur : vous en serez averti.
          </p>
          {ids.map((id) => (
            <input type="hidden" name="ids" value={id} />
          ))}
          <input type="hidden" name="retour" value={props.back} />
          <Select
            form={{ values: { channel: 'auto' }, errors: {} }}
            name="channel"
            label="Inviter par"
            options={channelChoices}
          />
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button type="submit" class="fr-btn fr-icon-send-plane-line fr-btn--icon-left">
                {ids.length === 1
                  ? 'Inviter cette personne'
                  : `Inviter ces ${ids.length.toLocaleString('fr-FR')} personnes`}
              </button>
            </li>
            <li>
              <a class="fr-btn fr-btn--tertiary" href={props.back}>
                Revenir à la liste
              </a>
            </li>
          </ul>
        </PostForm>
      )}
    </>
  );
}
