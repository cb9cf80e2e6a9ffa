import { Breadcrumb, formatDateTime, PostForm } from '../../../web/components.tsx';
import type { CalendarFeedRow } from '../calendar-feed.repository.ts';

export const CALENDAR_FEED_PATH = '/rendez-vous/agenda-prive';

function Crumbs({ current }: { current?: string }) {
  const items = [{ label: 'Rendez-vous', href: '/rendez-vous' }];
  return (
    <Breadcrumb
      items={
        current
          ? [...items, { label: 'Agenda privé', href: CALENDAR_FEED_PATH }, { label: current }]
          : [...items, { label: 'Agenda privé' }]
      }
    />
  );
}

function Explanation() {
  return (
    <p>
      Abonnez votre agenda (Outlook, Google Agenda, Thunderbird, téléphone) à vos rendez-vous Tremplin : ils y
      apparaissent, des 30 derniers jours aux 6 prochains mois, et se mettent à jour tout seuls. Seules les
      initiales des personnes et le motif y figurent : le reste n’est visible que dans Tremplin.
    </p>
  );
}

export function CalendarFeedsPage(props: { feeds: CalendarFeedRow[]; csrfToken: string }) {
  const active = props.feeds.find((f) => f.revokedAt === null);
  return (
    <>
      <Crumbs />
      <h1>Mon agenda privé</h1>
      <Explanation />
      {active ? (
        <>
          <h2>Lien actif</h2>
          <p>
            Un lien d’abonnement est actif depuis le {formatDateTime(active.createdAt)}. Il n’est plus affiché
            : Tremplin n’en garde qu’une empreinte.
          </p>
          <p>
            Si vous l’avez perdu, ou si quelqu’un d’autre a pu le voir, révoquez-le ou créez-en un nouveau.
          </p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <PostForm action={`${CALENDAR_FEED_PATH}/${active.id}/revoquer`} csrfToken={props.csrfToken}>
                <button type="submit" class="fr-btn fr-btn--secondary">
                  Révoquer ce lien
                </button>
              </PostForm>
            </li>
            <li>
              <PostForm action={CALENDAR_FEED_PATH} csrfToken={props.csrfToken}>
                <button type="submit" class="fr-btn">
                  Remplacer par un nouveau lien
                </button>
              </PostForm>
            </li>
          </ul>
        </>
      ) : (
        <>
          <h2>Aucun lien actif</h2>
          <PostForm action={CALENDAR_FEED_PATH} csrfToken={props.csrfToken}>
            <button type="submit" class="fr-btn">
              Créer mon lien d’abonnement
            </button>
          </PostForm>
        </>
      )}
    </>
  );
}

export function CalendarFeedCreatedPage(props: { url: string }) {
  return (
    <>
      <Crumbs current="Nouveau lien" />
      <h1>Votre lien d’abonnement</h1>
      <div class="fr-alert fr-alert--warning fr-mb-4w">
        <h2 class="fr-alert__title">Copiez ce lien maintenant : il ne sera plus affiché.</h2>
        <p>
          Quiconque a ce lien voit vos rendez-vous : ne le partagez pas. Tout lien précédent ne fonctionne
          plus.
        </p>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="lien-agenda">
          Lien d’abonnement
          <span class="fr-hint-text" id="lien-agenda-aide">
            Dans votre agenda, choisissez « Ajouter un agenda » puis « À partir d’une URL » (ou « S’abonner »)
            et collez ce lien.
          </span>
        </label>
        <input
          class="fr-input"
          id="lien-agenda"
          type="text"
          readOnly
          value={props.url}
          spellcheck={false}
          autocomplete="off"
          aria-describedby="lien-agenda-aide"
        />
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href={CALENDAR_FEED_PATH}>
            J’ai copié le lien : retour
          </a>
        </li>
      </ul>
    </>
  );
}
