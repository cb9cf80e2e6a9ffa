import { Breadcrumb, Table } from '../../../web/components.tsx';
import { StatCard, StatsFilters, StatsSelect } from '../../../web/stats.tsx';
import type { StatsOrganisation } from '../stats.service.ts';
import {
  type AppointmentStats,
  formatDays,
  formatRate,
  periodLabels,
  STATS_PERIODS,
  type StatsPeriod,
  statusRows,
} from '../stats.ts';

export const STATS_PATH = '/rendez-vous/statistiques';

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

function Filters(props: {
  organisations: StatsOrganisation[];
  organisation: StatsOrganisation;
  period: StatsPeriod;
}) {
  return (
    <StatsFilters action={STATS_PATH} legend="Choisir l’organisation et la période">
      <StatsSelect
        id="stats-organisation"
        name="organisation"
        label="Organisation"
        options={props.organisations.map((o) => ({
          value: o.slug,
          label: o.name,
          selected: o.id === props.organisation.id,
        }))}
      />
      <StatsSelect
        id="stats-periode"
        name="periode"
        label="Période"
        hint="Selon la date des rendez-vous, jusqu’à aujourd’hui."
        options={STATS_PERIODS.map((p) => ({
          value: String(p),
          label: periodLabels[p],
          selected: p === props.period,
        }))}
      />
    </StatsFilters>
  );
}

export function NoStatsPage() {
  return (
    <>
      <h1>Statistiques des rendez-vous</h1>
      <p>
        Les statistiques sont celles d’une organisation. Vous n’êtes membre d’aucune organisation : demandez à
        l’administrateur de la vôtre de vous y ajouter.
      </p>
    </>
  );
}

export function StatsPage(props: {
  organisations: StatsOrganisation[];
  organisation: StatsOrganisation;
  stats: AppointmentStats;
}) {
  const { stats } = props;
  const marked = stats.byStatus.vu + stats.byStatus.absent;
  return (
    <>
      <Breadcrumb items={[{ label: 'Rendez-vous', href: '/rendez-vous' }, { label: 'Statistiques' }]} />
      <h1>Statistiques des rendez-vous</h1>
      <Filters organisations={props.organisations} organisation={props.organisation} period={stats.period} />
      <h2>
        {props.organisation.name} : du {dayFormat.format(stats.from)} au {dayFormat.format(stats.to)}
      </h2>
      {stats.total === 0 ? (
        <p>Aucun rendez-vous sur cette période.</p>
      ) : (
        <>
          <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            <StatCard
              label="Taux d’absence"
              value={formatRate(stats.noShowRate)}
              detail={`${stats.byStatus.absent} absent${stats.byStatus.absent > 1 ? 's' : ''} sur ${marked} personne${marked > 1 ? 's' : ''} attendue${marked > 1 ? 's' : ''} et pointée${marked > 1 ? 's' : ''} (vues ou absentes)`}
            />
            <StatCard
              label="Délai médian de rendez-vous"
              value={formatDays(stats.medianLeadDays)}
              detail="entre la prise du rendez-vous et le rendez-vous (hors annulés et rendez-vous enregistrés après coup)"
            />
            <StatCard
              label="Pris par la personne elle-même"
              value={formatRate(stats.selfBookedShare)}
              detail={`${stats.selfBooked} en ligne ou par lien d’invitation, ${stats.byAgentOrApi} par un agent ou un logiciel`}
            />
          </div>
          <Table
            caption={`Rendez-vous par statut (${stats.total} en tout)`}
            headers={['Statut', 'Nombre', 'Part']}
          >
            {statusRows(stats).map((row) => (
              <tr>
                <td>{row.label}</td>
                <td>{row.count}</td>
                <td>{row.share}</td>
              </tr>
            ))}
          </Table>
          <p class="fr-text--sm">
            Chaque personne compte pour une ligne : un atelier collectif de huit personnes compte huit fois.
            Un rendez-vous annulé compte comme « Annulé ».
          </p>
        </>
      )}
    </>
  );
}
