import type { ComponentChildren } from 'preact';
import { Table } from '../../web/components.tsx';
import { StatCard } from '../../web/stats.tsx';
import { formatNumber } from '../answers.ts';
import type { QuestionResult, FormResults as Results } from '../results.ts';
import { BarChart } from './charts.tsx';

/**
 * A form's results: how many responses and from where, then each question as a chart followed by
 * its table (choices and scales), the figures of a number question, or the list of free-text answers.
 */

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

export function FormResults(props: { results: Results }) {
  const { results } = props;
  return (
    <>
      <h2 class="fr-h4">Réponses reçues</h2>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <StatCard label="Réponses" value={formatNumber(results.total)} detail="en tout" />
        <StatCard
          label="En ligne"
          value={formatNumber(results.bySource.en_ligne)}
          detail="par le lien public"
        />
        <StatCard
          label="Sur papier"
          value={formatNumber(results.bySource.papier)}
          detail="saisies par l’équipe"
        />
      </div>
      {results.total === 0 && <p>Personne n’a encore répondu.</p>}
      {results.questions.map((result, index) => (
        <section class="fr-mb-6w" id={`resultat-${result.question.id}`}>
          <h2 class="fr-h4">
            {index + 1}. {result.question.label}
          </h2>
          <p class="fr-text--sm">
            {plural(result.answered, 'personne a répondu', 'personnes ont répondu')}
            {results.total > result.answered
              ? ` (${formatNumber(results.total - result.answered)} sans réponse : question passée ou non affichée).`
              : '.'}
          </p>
          <QuestionResultView result={result} number={index + 1} />
        </section>
      ))}
    </>
  );
}

/** A chart in a half-width column on larger screens (full width on a phone). */
function ChartColumn({ children }: { children: ComponentChildren }) {
  return (
    <div class="fr-grid-row fr-mb-2w">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">{children}</div>
    </div>
  );
}

function QuestionResultView({ result, number }: { result: QuestionResult; number: number }) {
  const id = `graphique-${number}`;
  switch (result.question.type) {
    case 'single_choice':
    case 'multiple_choice': {
      if (!('options' in result)) return null;
      const multiple = result.question.type === 'multiple_choice';
      return (
        <>
          {multiple && (
            <p class="fr-text--sm">
              Plusieurs réponses possibles : chaque part est calculée sur les personnes qui ont répondu, le
              total peut dépasser 100 %.
            </p>
          )}
          <ChartColumn>
            <BarChart
              id={id}
              title={`Question ${number} : ${result.question.label}`}
              description="Nombre de personnes par réponse ; les chiffres exacts sont dans le tableau qui suit."
              bars={result.options.map((o) => ({
                label: o.label,
                value: o.count,
                valueText: `${formatNumber(o.count)} (${percent.format(o.share)})`,
              }))}
            />
          </ChartColumn>
          <Table caption={`Question ${number} : réponses`} headers={['Réponse', 'Nombre', 'Part']}>
            {result.options.map((o) => (
              <tr>
                <td>{o.label}</td>
                <td>{formatNumber(o.count)}</td>
                <td>{percent.format(o.share)}</td>
              </tr>
            ))}
          </Table>
        </>
      );
    }
    case 'scale': {
      if (!('notes' in result)) return null;
      const q = result.question;
      const noteLabel = (value: number) =>
        value === q.min && q.minLabel
          ? `${value} (${q.minLabel})`
          : value === q.max && q.maxLabel
            ? `${value} (${q.maxLabel})`
            : String(value);
      return (
        <>
          <p>
            {result.mean === null
              ? 'Pas encore de note.'
              : `Note moyenne : ${decimal.format(result.mean)} sur une échelle de ${q.min} à ${q.max}.`}
          </p>
          <ChartColumn>
            <BarChart
              id={id}
              title={`Question ${number} : ${q.label}`}
              description="Nombre de personnes par note ; les chiffres exacts sont dans le tableau qui suit."
              bars={result.notes.map((n) => ({
                label: `Note ${noteLabel(n.value)}`,
                value: n.count,
                valueText: `${formatNumber(n.count)} (${percent.format(n.share)})`,
              }))}
            />
          </ChartColumn>
          <Table caption={`Question ${number} : notes`} headers={['Note', 'Nombre', 'Part']}>
            {result.notes.map((n) => (
              <tr>
                <td>{noteLabel(n.value)}</td>
                <td>{formatNumber(n.count)}</td>
                <td>{percent.format(n.share)}</td>
              </tr>
            ))}
          </Table>
        </>
      );
    }
    case 'number': {
      if (!('stats' in result)) return null;
      const { stats } = result;
      if (!stats) return <p>Pas encore de réponse.</p>;
      return (
        <Table caption={`Question ${number} : chiffres`} headers={['Indicateur', 'Valeur']}>
          <tr>
            <td>Réponses</td>
            <td>{formatNumber(result.answered)}</td>
          </tr>
          <tr>
            <td>Moyenne</td>
            <td>{decimal.format(stats.mean)}</td>
          </tr>
          <tr>
            <td>Médiane</td>
            <td>{decimal.format(stats.median)}</td>
          </tr>
          <tr>
            <td>Minimum</td>
            <td>{decimal.format(stats.min)}</td>
          </tr>
          <tr>
            <td>Maximum</td>
            <td>{decimal.format(stats.max)}</td>
          </tr>
        </Table>
      );
    }
    case 'text': {
      if (!('texts' in result)) return null;
      if (result.texts.length === 0) return <p>Pas encore de réponse.</p>;
      return (
        <ul class="fr-mb-2w">
          {result.texts.map((text) => (
            <li class="tp-pre">{text}</li>
          ))}
        </ul>
      );
    }
  }
}
