import { Table } from '../../../../platform/web/components.tsx';
import { hourRange, longDay, weekdayNames } from '../format.ts';
import type { StatsPeriod } from '../period.ts';
import { type Heatmap, heatLevel } from '../stats.ts';

/**
 * When people call: an HTML table, one row per hour and one column per weekday, the number of calls in
 * each cell. The shading (classes tp-heat--1 … 4, from the lightest to the busiest hour) only repeats
 * the numbers for the eye: the table reads the same without it, in a screen reader or in print.
 */
export function HeatmapTable(props: { heatmap: Heatmap; period: StatsPeriod }) {
  const { heatmap, period } = props;
  const hours = Array.from(
    { length: heatmap.lastHour - heatmap.firstHour + 1 },
    (_, i) => heatmap.firstHour + i,
  );
  return (
    <div class="tp-heatmap">
      <Table
        id="tableau-heures"
        caption={`Appels reçus par jour de la semaine et par heure (heure de Paris), du ${longDay(period.from)} au ${longDay(period.to)}`}
        headers={['Heure', ...weekdayNames]}
        bordered
      >
        {hours.map((hour) => (
          <tr>
            <th scope="row">{hourRange(hour)}</th>
            {weekdayNames.map((_, day) => {
              const count = heatmap.cells[day]![hour]!;
              const level = heatLevel(count, heatmap.max);
              return <td class={level ? `tp-heat tp-heat--${level}` : undefined}>{count}</td>;
            })}
          </tr>
        ))}
      </Table>
      <p class="fr-text--sm">
        Chaque case donne le nombre d’appels commencés dans l’heure, tous jours de la période confondus
        {heatmap.max > 0 ? ` ; la plus chargée en compte ${heatmap.max}` : ''}. Plus une case est foncée, plus
        il y a eu d’appels. Les heures de nuit sans aucun appel ne sont pas affichées.
      </p>
    </div>
  );
}
