import { displayName } from '../../auth/actor.ts';
import { Breadcrumb, formatDateTime, PostForm, Table } from '../../web/components.tsx';
import type { Letter, LetterBatchSummary, LettersOrganisation } from './letters.repository.ts';
import { letterReference } from './letters.service.ts';

export const LETTERS_PATH = '/messages/lettres';
export const lettersPath = (slug: string) => `${LETTERS_PATH}?organisation=${encodeURIComponent(slug)}`;
export const batchPath = (id: string) => `${LETTERS_PATH}/lots/${id}`;
export const letterPdfPath = (id: string) => `${LETTERS_PATH}/${id}.pdf`;

type Person = { firstName: string; lastName: string; email: string } | null;
const personName = (person: Person) => (person ? displayName(person) || person.email : '—');
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function AddressLines({ letter }: { letter: Letter }) {
  const lines = (letter.recipientNormalised ?? letter.recipient).split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

function Crumbs({ organisation, current }: { organisation: LettersOrganisation; current?: string }) {
  const items = [
    { label: 'Tableau de bord', href: '/tableau-de-bord' },
    current
      ? { label: `Lettres de ${organisation.name}`, href: lettersPath(organisation.slug) }
      : { label: `Lettres de ${organisation.name}` },
  ];
  return <Breadcrumb items={current ? [...items, { label: current }] : items} />;
}

function DownloadLink(props: { href: string; label: string; detail: string; title?: string }) {
  return (
    <a class="fr-link fr-link--download" href={props.href} download title={props.title}>
      {props.label} <span class="fr-link__detail">{props.detail}</span>
    </a>
  );
}

export function NoOrganisationPage() {
  return (
    <>
      <h1>Lettres à imprimer</h1>
      <p>
        Les lettres appartiennent à une organisation. Vous n’êtes membre d’aucune organisation : demandez à
        l’administrateur de la vôtre de vous y ajouter.
      </p>
    </>
  );
}

export function LetterDeskPage(props: {
  organisation: LettersOrganisation;
  otherOrganisations: { slug: string; name: string }[];
  toPrint: Letter[];
  unprintable: Letter[];
  preparing: number;
  batches: LetterBatchSummary[];
  mayPrint: boolean;
  csrfToken: string;
}) {
  const { organisation, toPrint } = props;
  return (
    <>
      <Crumbs organisation={organisation} />
      <h1>Lettres de {organisation.name}</h1>
      <p class="fr-text--lead">
        Les personnes qui n’ont ni téléphone ni adresse électronique reçoivent leurs messages par courrier.
        Préparez un lot, imprimez son PDF sur papier A4, pliez chaque lettre en trois (repères dans la marge)
        et glissez-la dans une enveloppe DL à fenêtre à droite (110 × 220 mm) : l’adresse apparaît dans la
        fenêtre. Marquez ensuite le lot comme posté.
      </p>
      {props.otherOrganisations.length > 0 && (
        <p>
          Lettres de vos autres organisations :{' '}
          {props.otherOrganisations.map((other, index) => (
            <>
              {index > 0 && ', '}
              <a href={lettersPath(other.slug)}>{other.name}</a>
            </>
          ))}
          .
        </p>
      )}

      <h2>À imprimer</h2>
      {props.preparing > 0 && (
        <p class="fr-text--sm">
          {plural(props.preparing, 'lettre est', 'lettres sont')} en préparation : rechargez la page dans
          quelques instants pour {props.preparing > 1 ? 'les' : 'la'} voir ici.
        </p>
      )}
      {toPrint.length === 0 ? (
        <p>Aucune lettre n’attend d’être imprimée.</p>
      ) : (
        <>
          <Table
            caption={`Lettres à imprimer de ${organisation.name}`}
            captionHidden
            headers={['Référence', 'Adresse', 'Créée le', 'Lettre seule']}
          >
            {toPrint.map((letter) => (
              <tr>
                <td>{letterReference(letter.id)}</td>
                <td>
                  <AddressLines letter={letter} />
                </td>
                <td>{formatDateTime(letter.createdAt)}</td>
                <td>
                  <LetterDownload id={letter.id} />
                </td>
              </tr>
            ))}
          </Table>
          {props.mayPrint ? (
            <PostForm action={`${LETTERS_PATH}/lots`} csrfToken={props.csrfToken} class="fr-mb-6w">
              <input type="hidden" name="organisation" value={organisation.slug} />
              <button type="submit" class="fr-btn">
                Préparer un lot de {plural(toPrint.length, 'lettre', 'lettres')}
              </button>
            </PostForm>
          ) : (
            <p class="fr-text--sm">
              Les membres en lecture seule peuvent télécharger les lettres ; un agent ou un administrateur de
              l’organisation prépare les lots.
            </p>
          )}
        </>
      )}

      {props.unprintable.length > 0 && (
        <>
          <h2>Lettres impossibles à envoyer</h2>
          <p>
            L’adresse de ces lettres n’a pas été acceptée : elles ne seront pas imprimées. Corrigez l’adresse
            de la personne dans le service qui a envoyé le message, qui en enverra un nouveau.
          </p>
          <Table
            caption={`Lettres impossibles à envoyer de ${organisation.name}`}
            captionHidden
            headers={['Référence', 'Adresse reçue', 'Raison', 'Créée le']}
          >
            {props.unprintable.map((letter) => (
              <tr>
                <td>{letterReference(letter.id)}</td>
                <td>
                  <AddressLines letter={{ ...letter, recipientNormalised: null }} />
                </td>
                <td>{letter.statusReason ?? '—'}</td>
                <td>{formatDateTime(letter.createdAt)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      <h2>Lots</h2>
      {props.batches.length === 0 ? (
        <p>Aucun lot n’a encore été préparé.</p>
      ) : (
        <Table
          caption={`Lots de lettres de ${organisation.name}`}
          captionHidden
          headers={['Lot', 'Lettres', 'Préparé par', 'État', 'PDF']}
        >
          {props.batches.map((batch) => (
            <tr>
              <td>
                <a href={batchPath(batch.id)}>Lot du {formatDateTime(batch.createdAt)}</a>
              </td>
              <td>{batch.letters}</td>
              <td>{personName(batch.createdBy)}</td>
              <td>
                <BatchStatus postedAt={batch.postedAt} postedBy={batch.postedBy} />
              </td>
              <td>
                <DownloadLink
                  href={`${batchPath(batch.id)}.pdf`}
                  label="Télécharger"
                  detail={`PDF – ${plural(batch.letters, 'lettre', 'lettres')}`}
                  title={`Télécharger le lot du ${formatDateTime(batch.createdAt)} (PDF)`}
                />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

function BatchStatus(props: { postedAt: Date | null; postedBy?: Person }) {
  return props.postedAt ? (
    <p class="fr-badge fr-badge--sm fr-badge--success">
      Posté le {formatDateTime(props.postedAt)}
      {props.postedBy ? ` par ${personName(props.postedBy)}` : ''}
    </p>
  ) : (
    <p class="fr-badge fr-badge--sm fr-badge--new">À poster</p>
  );
}

const statusLabels: Partial<Record<Letter['status'], string>> = {
  to_print: 'À imprimer',
  posted: 'Envoyée',
};

export function LetterBatchPage(props: {
  batch: { id: string; createdAt: Date; postedAt: Date | null; organisation: LettersOrganisation };
  letters: Letter[];
  mayPrint: boolean;
  csrfToken: string;
}) {
  const { batch, letters } = props;
  const title = `Lot du ${formatDateTime(batch.createdAt)}`;
  const pdf = `${batchPath(batch.id)}.pdf`;
  return (
    <>
      <Crumbs organisation={batch.organisation} current={title} />
      <h1>
        {title} – {plural(letters.length, 'lettre', 'lettres')}
      </h1>
      <BatchStatus postedAt={batch.postedAt} />

      <h2 class="fr-mt-4w">1. Imprimer</h2>
      <p>
        Chaque lettre commence sur une nouvelle page. Imprimez sur papier A4, à 100 % (sans « ajuster à la
        page »), pour que l’adresse tombe dans la fenêtre de l’enveloppe.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a class="fr-btn fr-icon-download-line" href={pdf} download>
            Télécharger le PDF (recto)
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary fr-icon-download-line" href={`${pdf}?recto-verso=1`} download>
            Télécharger pour une impression recto verso
          </a>
        </li>
      </ul>
      <p class="fr-text--sm">
        La version recto verso ajoute une page blanche après chaque lettre au nombre de pages impair, pour que
        la suivante commence sur une nouvelle feuille.
      </p>

      <h2>2. Poster</h2>
      {batch.postedAt ? (
        <p>
          Ce lot a été marqué comme posté le {formatDateTime(batch.postedAt)} : ses lettres sont envoyées.
        </p>
      ) : props.mayPrint ? (
        <>
          <p>Une fois les lettres mises sous enveloppe et remises à La Poste, marquez le lot comme posté.</p>
          <PostForm action={`${batchPath(batch.id)}/poste`} csrfToken={props.csrfToken} class="fr-mb-4w">
            <button type="submit" class="fr-btn">
              Marquer comme posté
            </button>
          </PostForm>
        </>
      ) : (
        <p>Un agent ou un administrateur de l’organisation marquera ce lot comme posté.</p>
      )}

      <h2>Lettres du lot</h2>
      <Table
        caption={`Lettres du lot du ${formatDateTime(batch.createdAt)}`}
        captionHidden
        headers={['Référence', 'Adresse', 'État', 'Lettre seule']}
      >
        {letters.map((letter) => (
          <tr>
            <td>{letterReference(letter.id)}</td>
            <td>
              <AddressLines letter={letter} />
            </td>
            <td>{statusLabels[letter.status] ?? letter.status}</td>
            <td>
              <LetterDownload id={letter.id} />
            </td>
          </tr>
        ))}
      </Table>
      <p>
        <a class="fr-link" href={lettersPath(batch.organisation.slug)}>
          Retour aux lettres de {batch.organisation.name}
        </a>
      </p>
    </>
  );
}

/** The link to one letter's PDF, named for screen readers by its reference. */
function LetterDownload({ id }: { id: string }) {
  return (
    <DownloadLink
      href={letterPdfPath(id)}
      label="Télécharger"
      detail="PDF"
      title={`Télécharger la lettre ${letterReference(id)} (PDF)`}
    />
  );
}
