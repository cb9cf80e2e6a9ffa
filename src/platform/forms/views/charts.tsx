/**
 * A horizontal bar chart drawn on the server as inline SVG (no JavaScript, prints, scales with the
 * page), in the style of the RSA statistics: an image with a title and a description; the exact
 * figures are in the table that always follows it. Each answer's label sits above its bar so long
 * labels fit on a phone. Colours are presentation attributes (the CSP forbids inline styles):
 * blue-france-main-525 bars stay above 3:1 on the DSFR's light and dark backgrounds; text uses
 * currentColor, the page's own text colour in either scheme.
 */

const BAR = '#6a6af4';
const AXIS = '#666666';
const FONT = 'Marianne, arial, sans-serif';
/** At 14 px, about what fits on the 400-unit width. */
const LABEL_MAX = 48;

export type Bar = { label: string; value: number; valueText: string };

const shorten = (label: string) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

export function BarChart(props: { id: string; title: string; description: string; bars: Bar[] }) {
  // Narrow, so that on a 360 px phone the text is drawn at nearly its size (the page puts the chart in
  // a half-width column on larger screens).
  const width = 400;
  const rowHeight = 44;
  const left = 4;
  const valueWidth = 84;
  const top = 4;
  const height = top * 2 + rowHeight * props.bars.length;
  const plotWidth = width - left - valueWidth;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const titleId = `${props.id}-titre`;
  const descId = `${props.id}-description`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      font-family={FONT}
      font-size={14}
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.description}</desc>
      <line x1={left} x2={left} y1={top} y2={height - top} stroke={AXIS} />
      {props.bars.map((bar, i) => {
        const y = top + i * rowHeight;
        const length = (bar.value / max) * plotWidth;
        return (
          <g>
            <text x={left + 6} y={y + 15} fill="currentColor">
              {shorten(bar.label)}
            </text>
            {length > 0 && <rect x={left} y={y + 21} width={Math.max(2, length)} height={16} fill={BAR} />}
            <text x={left + length + 6} y={y + 34} fill="currentColor">
              {bar.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
