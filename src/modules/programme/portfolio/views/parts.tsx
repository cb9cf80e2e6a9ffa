import type { ComponentChildren } from 'preact';
import { phaseLabels } from '../../labels.ts';
import type { Phase } from '../phases.ts';

/** Pieces shared by the portfolio's pages. */

/**
 * DSFR system badges by where a project stands: exploring (info), going on (success), handed over
 * (new), stopped (the neutral grey badge).
 */
const phaseBadgeClass: Record<Phase, string> = {
  investigation: 'fr-badge--info',
  construction: 'fr-badge--success',
  acceleration: 'fr-badge--success',
  consolidation: 'fr-badge--success',
  transfer: 'fr-badge--new',
  alumni: 'fr-badge--new',
  abandon: '',
};

export function PhaseBadge({ phase }: { phase: Phase | null }) {
  if (!phase) return <p class="fr-badge fr-badge--sm">Phase non renseignée</p>;
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon ${phaseBadgeClass[phase]}`.trim()}>
      {phaseLabels[phase]}
    </p>
  );
}

/**
 * Text typed by a team, shown as it was written: a blank line starts a paragraph, a line break stays
 * a line break. Rendered as text nodes, so it is escaped like everything else.
 */
export function Paragraphs({ text, class: className }: { text: string; class?: string }) {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '');
  return (
    <>
      {paragraphs.map((paragraph) => {
        const lines = paragraph.trim().split('\n');
        return (
          <p class={className}>
            {lines.map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        );
      })}
    </>
  );
}

/** A card of the portfolio's grids: a linked title (the whole card is clickable), then its content. */
export function LinkCard(props: {
  href: string;
  title: string;
  headingLevel?: 'h2' | 'h3';
  children?: ComponentChildren;
  start?: ComponentChildren;
}) {
  const Heading = props.headingLevel ?? 'h3';
  return (
    <div class="fr-card fr-enlarge-link">
      <div class="fr-card__body">
        <div class="fr-card__content">
          <Heading class="fr-card__title">
            <a href={props.href}>{props.title}</a>
          </Heading>
          {props.children}
          {props.start && <div class="fr-card__start">{props.start}</div>}
        </div>
      </div>
    </div>
  );
}
