import { Breadcrumb, Table } from '../../../../platform/web/components.tsx';
import { StatCard, StatsFilters, StatsSelect } from '../../../../platform/web/stats.tsx';
import type { AgentStatsView, Choice } from '../stats.service.ts';
import {
  BASELINE_FRANCE_2019_DAYS,
  BASELINE_VAR_2019_DAYS,
  type Disclosure,
  daysAsMonths,
  formatDays,
  formatRate,
  isSmall,
  monthRows,
  periodLabels,
  RDV_INSERTION_NO_SHOW,
  RSA_STATS_PERIODS,
  type RsaStats,
  type RsaStatsPeriod,
  type Share,
  shortMonthLabel,
  statusRows,
} from '../stats.ts';
import { ColumnChart, RowChart } from './charts.tsx';

export const AGENT_STATS_PATH = '/rsa/statistiques';
export const publicStatsPath = (territorySlug: string) => `/statistiques/rsa/${territorySlug}`;

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const longDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

const WITHHELD =
  'Moins de 5 personnes : ce chiffre n’est pas publié, pour que personne ne puisse être reconnu.';

const plural = (n: number, one: string, many: string) => (n >= 2 ? many : one);

/** « 12 personnes », « 1 personne », and in public « < 5 personnes » (plural: it may be several). */
const counted = (show: Disclosure, n: number, one: string, many: string) =>
  `${show.count(n)} ${show.publicOnly && isSmall(n) ? many : plural(n, one, many)}`;

/** A rate as a key figure: withheld when too few people count (public page), else what it counts. */
function RateCard(props: {
  show: Disclosure;
  label: string;
  share: Share;
  /** The detail when nobody counts yet. */
  none: string;
  /** The detail otherwise: what the rate counts. */
  counts: string;
  /** Said after the detail in every case (a comparison). */
  after?: string;
}) {
  const value = props.show.value(props.share.share, props.share.of);
  const withheld = props.share.of > 0 && value === null;
  const detail = withheld ? WITHHELD : props.share.of === 0 ? props.none : props.counts;
  return (
    <StatCard
      label={props.label}
      value={formatRate(value)}
      detail={props.after ? `${detail} ${props.after}` : detail}
    />
  );
}

function Figures({ stats, show }: { stats: RsaStats; show: Disclosure }) {
  const median = show.value(stats.medianDays, stats.met);
  const mean = show.value(stats.meanDays, stats.met);
  const delayWithheld = stats.met > 0 && median === null;
  const met = counted(show, stats.met, 'personne déjà reçue', 'personnes déjà reçues');
  const noneMet = 'Personne n’a encore été reçu sur la période.';
  const { invitation: inv, convocation: conv } = stats.noShow;
  return (
    <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
      <StatCard
        label="Délai médian"
        value={formatDays(median)}
        detail={
          delayWithheld
            ? WITHHELD
            : stats.met === 0
              ? noneMet
              : `entre l’ouverture des droits et le premier rendez-vous honoré. Sur les ${met} : la moitié a attendu moins, l’autre moitié plus.`
        }
      />
      <StatCard
        label="Délai moyen"
        value={formatDays(mean)}
        detail={`${delayWithheld ? WITHHELD : stats.met === 0 ? noneMet : `pour les mêmes ${met}.`} Avant : ${daysAsMonths(BASELINE_VAR_2019_DAYS)} en moyenne dans le Var en 2019 (≈ ${BASELINE_VAR_2019_DAYS} jours), ${daysAsMonths(BASELINE_FRANCE_2019_DAYS)} en France.`}
      />
      <RateCard
        show={show}
        label="Reçues en 30 jours ou moins"
        share={stats.within30}
        none="Aucune personne dont les droits ont ouvert il y a au moins 30 jours."
        counts={`${show.count(stats.within30.count)} sur ${counted(show, stats.within30.of, 'personne dont les droits ont ouvert', 'personnes dont les droits ont ouvert')} il y a au moins 30 jours.`}
      />
      <RateCard
        show={show}
        label="Absences après une invitation"
        share={inv}
        none="Aucun rendez-vous pris après une invitation n’a encore été pointé."
        counts={`${counted(show, inv.count, 'absente', 'absentes')} sur ${counted(show, inv.of, 'personne attendue', 'personnes attendues')} à un rendez-vous qu’elles ont choisi.`}
        after={`Mesure de rdv-insertion : ${RDV_INSERTION_NO_SHOW.invitation} %.`}
      />
      <RateCard
        show={show}
        label="Absences après une convocation"
        share={conv}
        none="Aucun rendez-vous donné par convocation n’a encore été pointé."
        counts={`${counted(show, conv.count, 'absente', 'absentes')} sur ${counted(show, conv.of, 'personne convoquée', 'personnes convoquées')} à une date fixée par un agent.`}
        after={`Mesure de rdv-insertion : ${RDV_INSERTION_NO_SHOW.convocation} %.`}
      />
      <RateCard
        show={show}
        label="Rendez-vous pris par la personne"
        share={stats.bookedByPerson}
        none="Aucun premier rendez-vous d’orientation sur la période."
        counts={`des premiers rendez-vous : ${counted(show, stats.bookedByPerson.count, 'choisi', 'choisis')} par la personne elle-même (lien d’invitation ou en ligne), ${show.count(stats.bookedByPerson.of - stats.bookedByPerson.count)} par un agent.`}
      />
    </div>
  );
}

function DelayTrend({ stats, show }: { stats: RsaStats; show: Disclosure }) {
  const rows = monthRows(stats, show);
  const shown = rows.filter((r) => r.medianDays !== null);
  const description =
    shown.length === 0
      ? 'Aucun délai à montrer sur ces 12 mois.'
      : `Délai médian par mois d’ouverture des droits, de ${rows[0]!.label} à ${rows.at(-1)!.label}, comparé aux délais moyens de 2019 : ${BASELINE_VAR_2019_DAYS} jours dans le Var et ${BASELINE_FRANCE_2019_DAYS} en France. Les valeurs sont dans le tableau qui suit.`;
  return (
    <section class="fr-mb-6w">
      <h2>Le délai, mois par mois</h2>
      <p>
        Pour les personnes dont les droits ont ouvert chaque mois des 12 derniers mois : le délai médian entre
        l’ouverture des droits et le premier rendez-vous honoré. Les lignes rouges rappellent la situation de
        2019.
      </p>
      <ColumnChart
        id="graphique-delai"
        title="Délai médian avant le premier rendez-vous honoré, par mois d’ouverture des droits"
        description={description}
        unit="jours"
        bars={rows.map((r, i) => ({
          label: shortMonthLabel(r.month),
          sublabel: i === 0 || r.month.endsWith('-01') ? r.month.slice(0, 4) : undefined,
          value: r.medianDays,
          valueText: r.medianDays === null ? '' : String(Math.round(r.medianDays)),
        }))}
        references={[
          {
            value: BASELINE_VAR_2019_DAYS,
            label: `Var 2019 : ${daysAsMonths(BASELINE_VAR_2019_DAYS)} (${BASELINE_VAR_2019_DAYS} j)`,
          },
          {
            value: BASELINE_FRANCE_2019_DAYS,
            label: `France 2019 : ${daysAsMonths(BASELINE_FRANCE_2019_DAYS)} (${BASELINE_FRANCE_2019_DAYS} j)`,
          },
        ]}
      />
      <Table
        id="tableau-delai"
        caption="Par mois d’ouverture des droits : personnes, reçues, en attente, délai médian"
        headers={[
          'Mois d’ouverture des droits',
          'Droits ouverts',
          'Déjà reçues',
          'En attente',
          'Délai médian',
        ]}
      >
        {rows.map((r) => (
          <tr>
            <td>{r.label}</td>
            <td>{r.opened}</td>
            <td>{r.met}</td>
            <td>{r.waiting}</td>
            <td>{r.median}</td>
          </tr>
        ))}
      </Table>
      <p class="fr-text--sm">
        « En attente » : ni reçues, ni orientées, ni sorties du dispositif. Les mois récents ont un délai plus
        court par nature : seules les personnes déjà reçues y comptent.
      </p>
    </section>
  );
}

function StatusBreakdown({ stats, show }: { stats: RsaStats; show: Disclosure }) {
  const rows = statusRows(stats, show);
  return (
    <section class="fr-mb-6w">
      <h2>Où en sont ces personnes</h2>
      <RowChart
        id="graphique-statuts"
        title="Personnes par étape du parcours"
        description={`Nombre de personnes à chaque étape, parmi les ${show.count(stats.total)} dont les droits ont ouvert sur la période. Les valeurs sont dans le tableau qui suit.`}
        rows={rows.map((r) => ({ label: r.label, value: r.count, valueText: r.text }))}
      />
      <Table
        id="tableau-statuts"
        caption="Personnes par étape du parcours"
        headers={['Étape', 'Personnes', 'Part']}
      >
        {rows.map((r) => (
          <tr>
            <td>{r.label}</td>
            <td>{r.text}</td>
            <td>{r.share}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function HowToRead({ show }: { show: Disclosure }) {
  return (
    <section class="fr-mb-6w">
      <h2>Comment ces chiffres sont calculés</h2>
      <ul>
        <li>
          <strong>Délai médian entre l’ouverture des droits et le premier rendez-vous honoré</strong> : en
          jours de calendrier, du jour d’ouverture des droits au RSA au jour où la personne a été reçue pour
          la première fois par un référent. La moitié des personnes ont attendu moins, l’autre moitié plus.
          Les personnes pas encore reçues n’y comptent pas.
        </li>
        <li>
          <strong>Délai moyen</strong> : la moyenne des mêmes délais. Les chiffres de 2019 (8,5 mois dans le
          Var, 6 mois en France) sont des moyennes : c’est au délai moyen qu’il faut les comparer.
        </li>
        <li>
          <strong>Reçues en 30 jours ou moins</strong> : parmi les personnes dont les droits ont ouvert il y a
          au moins 30 jours, celles qui ont déjà été reçues 30 jours ou moins après l’ouverture de leurs
          droits.
        </li>
        <li>
          <strong>Absences</strong> : parmi les personnes attendues à un rendez-vous et pointées « vu » ou «
          absent ». Après une invitation, la personne a choisi son horaire ; après une convocation, un agent
          l’a fixé. Les rendez-vous annulés ou excusés ne comptent pas.
        </li>
        <li>
          <strong>Rendez-vous pris par la personne</strong> : le premier rendez-vous d’orientation de chaque
          personne, choisi par elle (avec le lien reçu par SMS, courriel ou courrier, ou en ligne) plutôt que
          par un agent.
        </li>
        <li>
          Tous les chiffres portent sur les personnes dont les droits ont ouvert pendant la période choisie,
          sauf le délai mois par mois, qui couvre toujours les 12 derniers mois.
        </li>
        {show.publicOnly && (
          <li>
            Aucune donnée personnelle n’est publiée : un nombre de 1 à 4 personnes est affiché « &lt; 5 », et
            un taux ou un délai calculé sur moins de 5 personnes n’est pas publié.
          </li>
        )}
      </ul>
    </section>
  );
}

function PeriodSelect({ period }: { period: RsaStatsPeriod }) {
  return (
    <StatsSelect
      id="stats-periode"
      name="periode"
      label="Période"
      hint="Selon la date d’ouverture des droits, jusqu’à aujourd’hui."
      options={RSA_STATS_PERIODS.map((p) => ({
        value: String(p),
        label: periodLabels[p],
        selected: p === period,
      }))}
    />
  );
}

function Cohort({ stats, show }: { stats: RsaStats; show: Disclosure }) {
  return (
    <p class="fr-text--lead">
      {counted(show, stats.total, 'personne', 'personnes')} dont les droits au RSA ont ouvert du{' '}
      {longDay(stats.window.from)} au {longDay(stats.window.to)}.
    </p>
  );
}

function Body({ stats, show }: { stats: RsaStats; show: Disclosure }) {
  return (
    <>
      <Cohort stats={stats} show={show} />
      <Figures stats={stats} show={show} />
      <DelayTrend stats={stats} show={show} />
      <StatusBreakdown stats={stats} show={show} />
      <HowToRead show={show} />
    </>
  );
}

export function NoRsaStatsPage() {
  return (
    <>
      <h1>Statistiques de l’orientation RSA</h1>
      <p>
        Les statistiques sont celles d’une collectivité. Vous n’êtes membre d’aucune organisation d’une
        collectivité : demandez à l’administrateur de la vôtre de vous y ajouter.
      </p>
    </>
  );
}

export function AgentStatsPage(props: AgentStatsView & { show: Disclosure }) {
  const { stats, show } = props;
  const scopeName = props.organisation
    ? props.organisation.name
    : `${props.territory.name} (toute la collectivité)`;
  return (
    <>
      <Breadcrumb items={[{ label: 'RSA', href: '/rsa' }, { label: 'Statistiques' }]} />
      <h1>Statistiques de l’orientation RSA</h1>
      <StatsFilters action={AGENT_STATS_PATH} legend="Choisir le périmètre et la période">
        {props.territories.length > 1 && (
          <StatsSelect
            id="stats-territoire"
            name="territoire"
            label="Collectivité"
            options={props.territories.map((t) => ({
              value: t.slug,
              label: t.name,
              selected: t.id === props.territory.id,
            }))}
          />
        )}
        {props.territories.length === 1 && (
          <input type="hidden" name="territoire" value={props.territory.slug} />
        )}
        <StatsSelect
          id="stats-organisation"
          name="organisation"
          label="Organisation"
          options={[
            ...(props.wholeTerritory
              ? [{ value: '', label: 'Toute la collectivité', selected: props.organisation === null }]
              : []),
            ...props.organisations.map((o) => ({
              value: o.slug,
              label: o.name,
              selected: o.id === props.organisation?.id,
            })),
          ]}
        />
        <PeriodSelect period={stats.period} />
      </StatsFilters>
      <h2>
        {scopeName} : {periodLabels[stats.period]}
      </h2>
      {stats.undated > 0 && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
          <p>
            {stats.undated} {plural(stats.undated, 'dossier n’a', 'dossiers n’ont')} pas de date d’ouverture
            des droits : {plural(stats.undated, 'il ne compte', 'ils ne comptent')} dans aucun chiffre.
            Complétez-la depuis la fiche de la personne ou par un nouvel import.
          </p>
        </div>
      )}
      <Body stats={stats} show={show} />
      <p>
        <a class="fr-link" href={publicStatsPath(props.territory.slug)}>
          Voir la page publique de {props.territory.name}
        </a>{' '}
        (chiffres de toute la collectivité, petits nombres masqués).
      </p>
    </>
  );
}

export function PublicStatsPage(props: { territory: Choice; stats: RsaStats; show: Disclosure }) {
  const { stats, show } = props;
  return (
    <>
      <h1>Orientation des bénéficiaires du RSA : {props.territory.name}</h1>
      <p>
        Combien de temps faut-il, après l’ouverture des droits au RSA, pour rencontrer un référent qui aide à
        trouver le bon accompagnement ? En 2019, il fallait en moyenne 8,5 mois dans le Var et 6 mois en
        France. Cette page publie les chiffres d’aujourd’hui, recalculés en continu à partir des rendez-vous.
      </p>
      <StatsFilters action={publicStatsPath(props.territory.slug)} legend="Choisir la période">
        <PeriodSelect period={stats.period} />
      </StatsFilters>
      <h2>
        {props.territory.name} : {periodLabels[stats.period]}
      </h2>
      <Body stats={stats} show={show} />
    </>
  );
}
