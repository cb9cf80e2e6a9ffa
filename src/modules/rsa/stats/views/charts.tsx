import type { ComponentChildren } from 'preact';

/**
 * Charts drawn on the server as inline SVG: they need no JavaScript, print, and scale with the page.
 * Each is an image with a title and a description (role="img", aria-labelledby); the figures
 * themselves are in the data table that follows every chart, which is what screen readers and people
 * who want exact numbers read. Colours are presentation attributes (the CSP forbids inline styles, and
 * presentation attributes cannot read the DSFR's CSS variables), so they are chosen to stay above 3:1
 * (RGAA 3.2, non-text) on the DSFR's light background (#ffffff) and its dark one (#161616), since pages
 * follow the system's scheme: blue-france-main-525 for bars (4.2:1 and 4.3:1), error-425 for reference
 * lines (5.8:1 and 3.1:1). Text uses currentColor, the page's own text colour in either scheme.
 */

const BAR = '#6a6af4';
const REFERENCE = '#ce0500';
const AXIS = '#666666';
const GRID = '#dddddd';
const FONT = 'Marianne, arial, sans-serif';

/** A round step for about `count` ticks up to `max`: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return Math.max(step, 1);
}

/** The image around a chart's drawing: its size, and its title and description for screen readers. */
function Chart(props: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  children: ComponentChildren;
}) {
  const titleId = `${props.id}-titre`;
  const descId = `${props.id}-description`;
  return (
    <svg
      class="rsa-chart"
      viewBox={`0 0 ${props.width} ${props.height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      font-family={FONT}
      font-size={13}
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.description}</desc>
      {props.children}
    </svg>
  );
}

export type ColumnBar = {
  /** Under the bar: « janv. ». */
  label: string;
  /** A second line under the label (the year under January). */
  sublabel?: string;
  /** Null: no bar (nothing to show, or withheld). */
  value: number | null;
  /** Above the bar: « 12 j ». */
  valueText: string;
};

export type ReferenceLine = { value: number; label: string };

/** Vertical bars (one per month) with dashed horizontal reference lines (the baselines). */
export function ColumnChart(props: {
  id: string;
  title: string;
  description: string;
  unit: string;
  bars: ColumnBar[];
  references?: ReferenceLine[];
}) {
  const width = 720;
  const height = 320;
  const left = 56;
  const right = 12;
  const top = 20;
  const bottom = 44;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const references = props.references ?? [];
  const highest = Math.max(1, ...props.bars.map((b) => b.value ?? 0), ...references.map((r) => r.value));
  const step = niceStep(highest);
  const max = Math.ceil((highest * 1.08) / step) * step;
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const ticks = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  const slot = plotWidth / Math.max(1, props.bars.length);
  const barWidth = Math.min(40, slot * 0.6);
  return (
    <Chart id={props.id} title={props.title} description={props.description} width={width} height={height}>
      {ticks.map((tick) => (
        <g>
          <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? AXIS : GRID} />
          <text x={left - 6} y={y(tick) + 4} textAnchor="end" fill="currentColor">
            {tick}
          </text>
        </g>
      ))}
      <text x={4} y={top - 6} fill="currentColor">
        {props.unit}
      </text>
      {props.bars.map((bar, i) => {
        const x = left + slot * i + slot / 2;
        return (
          <g>
            {bar.value !== null && (
              <rect
                x={x - barWidth / 2}
                y={y(bar.value)}
                width={barWidth}
                height={Math.max(0, top + plotHeight - y(bar.value))}
                fill={BAR}
              />
            )}
            {bar.valueText && (
              <text
                x={x}
                y={(bar.value === null ? top + plotHeight : y(bar.value)) - 4}
                textAnchor="middle"
                fill="currentColor"
              >
                {bar.valueText}
              </text>
            )}
            <text x={x} y={top + plotHeight + 16} textAnchor="middle" fill="currentColor">
              {bar.label}
            </text>
            {bar.sublabel && (
              <text x={x} y={top + plotHeight + 32} textAnchor="middle" fill="currentColor">
                {bar.sublabel}
              </text>
            )}
          </g>
        );
      })}
      {references.map((reference) => (
        <g>
          <line
            x1={left}
            x2={width - right}
            y1={y(reference.value)}
            y2={y(reference.value)}
            stroke={REFERENCE}
            strokeWidth={2}
            strokeDasharray="8 5"
          />
          <text x={left + 6} y={y(reference.value) - 6} fill="currentColor" font-weight="bold">
            {reference.label}
          </text>
        </g>
      ))}
    </Chart>
  );
}

export type RowBar = {
  label: string;
  /** Null: no bar (withheld). */
  value: number | null;
  valueText: string;
};

/** Horizontal bars, one per row (the statuses), labels on the left and figures at the end of the bar. */
export function RowChart(props: { id: string; title: string; description: string; rows: RowBar[] }) {
  const width = 720;
  const rowHeight = 28;
  const labelWidth = 180;
  const valueWidth = 60;
  const top = 8;
  const height = top * 2 + rowHeight * props.rows.length;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(1, ...props.rows.map((r) => r.value ?? 0));
  return (
    <Chart id={props.id} title={props.title} description={props.description} width={width} height={height}>
      <line x1={labelWidth} x2={labelWidth} y1={top} y2={height - top} stroke={AXIS} />
      {props.rows.map((row, i) => {
        const y = top + i * rowHeight;
        const length = row.value === null ? 0 : (row.value / max) * plotWidth;
        return (
          <g>
            <text x={labelWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fill="currentColor">
              {row.label}
            </text>
            {length > 0 && (
              <rect x={labelWidth} y={y + 5} width={Math.max(1, length)} height={rowHeight - 10} fill={BAR} />
            )}
            <text x={labelWidth + length + 6} y={y + rowHeight / 2 + 4} fill="currentColor">
              {row.valueText}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}
