import { formatNumber } from '../format.ts';
import type { FunnelStep } from '../funnel.ts';

/**
 * The funnel drawn on the server as an SVG image, one bar per step, widths proportional to the first
 * step. It needs no JavaScript and the CSP's ban on inline styles does not touch it (sizes and colours
 * are SVG attributes). It is an image with a title and a description; the exact figures are in the
 * table that follows it, which is what screen readers read.
 *
 * The drawing is narrow (400 units) so that its text stays readable when a phone shrinks it, and the
 * page gives it half the width on a large screen so that it does not grow huge there. The bar
 * colour is the DSFR's blue-france-main-525, above 3:1 against both the light and the dark background;
 * text uses currentColor, the page's own text colour in either scheme.
 */
const BAR = '#6a6af4';
const TRACK = '#dddddd';

export function FunnelChart(props: { id: string; title: string; description: string; steps: FunnelStep[] }) {
  const width = 400;
  const rowHeight = 52;
  const barHeight = 18;
  const top = 6;
  const height = top * 2 + rowHeight * props.steps.length;
  const max = Math.max(1, ...props.steps.map((s) => s.count));
  const titleId = `${props.id}-titre`;
  const descriptionId = `${props.id}-description`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descriptionId}`}
      font-family="Marianne, arial, sans-serif"
      font-size={15}
      class="fr-mb-2w"
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descriptionId}>{props.description}</desc>
      {props.steps.map((step, i) => {
        const y = top + i * rowHeight;
        const length = (step.count / max) * (width - 70);
        return (
          <g>
            <text x={0} y={y + 16} fill="currentColor">
              {step.label}
            </text>
            <rect x={0} y={y + 24} width={width - 70} height={barHeight} fill={TRACK} />
            {step.count > 0 && (
              <rect x={0} y={y + 24} width={Math.max(2, length)} height={barHeight} fill={BAR} />
            )}
            <text x={width - 62} y={y + 38} fill="currentColor" font-weight="bold">
              {formatNumber(step.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
