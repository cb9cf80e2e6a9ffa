import { Breadcrumb, formatDateTime, Table } from '../../../../platform/web/components.tsx';
import type { PersonalData, Row, Value } from '../export.service.ts';

/** The JSON keys in words, for the page. */
const labels: Record<string, string> = {
  nom: 'Nom',
  prenom: 'Prénom',
  dateDeNaissance: 'Date de naissance',
  nir: 'Numéro de sécurité sociale',
  numeroAllocataire: 'Numéro allocataire',
  role: 'Rôle dans le foyer',
  adresse: 'Adresse',
  codePostal: 'Code postal',
  commune: 'Commune',
  telephone: 'Téléphone',
  courriel: 'Courriel',
  ouvertureDesDroits: 'Ouverture des droits',
  etiquettes: 'Étiquettes',
  statut: 'Statut',
  statutDepuis: 'Statut depuis',
  referent: 'Référent',
  premiereRencontre: 'Premier rendez-vous honoré',
  derniereActivite: 'Dernière activité',
  creeLe: 'Dossier créé le',
  date: 'Date',
  de: 'Ancien statut',
  vers: 'Nouveau statut',
  par: 'Par',
  motif: 'Motif',
  type: 'Type',
  canal: 'Canal',
  envoyeeLe: 'Envoyée le',
  expireLe: 'Expire le',
  rappels: 'Rappels envoyés',
  rendezVousPrisLe: 'Rendez-vous pris le',
  fermeeLe: 'Fermée le',
  modele: 'Message',
  destinataire: 'Destinataire',
  etat: 'État',
  envoyeLe: 'Envoyé le',
  debut: 'Début',
  fin: 'Fin',
  lieu: 'Lieu',
  agent: 'Agent',
  prisPar: 'Pris par',
  prisLe: 'Pris le',
  question: 'Question',
  reponse: 'Réponse',
  orientation: 'Orientation',
  structure: 'Structure',
  commentaire: 'Commentaire',
  auteur: 'Auteur',
  texte: 'Texte',
};

const isoInstant = /^\d{4}-\d{2}-\d{2}T/;

/** A value as a person reads it: times in Paris, days as dd/mm/yyyy, lists joined, « — » when unknown. */
function show(value: Value): string {
  if (value === null || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'number') return String(value);
  if (isoInstant.test(value)) return formatDateTime(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split('-').reverse().join('/');
  return value;
}

function Fields({ row }: { row: Row }) {
  return (
    <dl class="fr-mb-4w">
      {Object.entries(row).map(([key, value]) => (
        <div class="fr-grid-row">
          <dt class="fr-col-12 fr-col-md-4 fr-text--bold">{labels[key] ?? key}</dt>
          <dd class="fr-col-12 fr-col-md-8 fr-mb-1w">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Rows({ title, rows, sub }: { title: string; rows: Row[]; sub?: boolean }) {
  return (
    <section class="fr-mb-4w">
      {sub ? <h3 class="fr-h5">{title}</h3> : <h2 class="fr-h4">{title}</h2>}
      {rows.length === 0 ? (
        <p>Aucun.</p>
      ) : (
        <Table caption={title} captionHidden headers={Object.keys(rows[0]!).map((k) => labels[k] ?? k)}>
          {rows.map((row) => (
            <tr>
              {Object.values(row).map((v) => (
                <td>{show(v)}</td>
              ))}
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export function ExportPage({ beneficiaryId, data }: { beneficiaryId: string; data: PersonalData }) {
  const name = `${data.dossier.prenom ?? ''} ${data.dossier.nom ?? ''}`.trim();
  const personPath = `/rsa/beneficiaires/${beneficiaryId}`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: 'RSA', href: '/rsa' },
          { label: name, href: personPath },
          { label: 'Données personnelles' },
        ]}
      />
      <h1>Données personnelles</h1>
      <p class="fr-text--lead">
        Tout ce que {data.organisation} conserve sur {name}, au {formatDateTime(data.exporteLe)}.
      </p>
      <p>
        À remettre à la personne qui en fait la demande. Cette consultation est inscrite au journal d’audit.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
        <li>
          <a
            class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
            href={`${personPath}/donnees?format=json`}
          >
            Télécharger (fichier JSON)
          </a>
        </li>
      </ul>
      <h2 class="fr-h4">Dossier</h2>
      <Fields row={data.dossier} />
      {data.dossierRendezVous && (
        <>
          <h2 class="fr-h4">Fiche de prise de rendez-vous</h2>
          <Fields row={data.dossierRendezVous} />
        </>
      )}
      <Rows title="Historique des statuts" rows={data.historique} />
      <Rows title="Invitations et convocations" rows={data.invitations} />
      <Rows title="Messages envoyés" rows={data.messages} />
      <Rows title="Rendez-vous" rows={data.rendezVous} />
      <section class="fr-mb-4w">
        <h2 class="fr-h4">Questionnaire d’orientation</h2>
        {data.questionnaire ? (
          <>
            <p>
              Rempli le {formatDateTime(data.questionnaire.rempliLe)} par {data.questionnaire.rempliPar} ;
              orientation proposée : {data.questionnaire.orientationProposee}.
            </p>
            <Rows title="Réponses" rows={data.questionnaire.reponses} sub />
          </>
        ) : (
          <p>Aucun.</p>
        )}
      </section>
      <Rows title="Décisions d’orientation" rows={data.orientations} />
      <Rows title="Notes" rows={data.notes} />
    </>
  );
}
