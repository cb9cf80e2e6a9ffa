import type { ComponentChildren } from 'preact';

/**
 * Pieces of the statistics pages (the booking engine's, a module's): a key figure as a DSFR card, and
 * the form that chooses what to count. The form is a plain GET form, so a page works without JS and a
 * link keeps the choice.
 */

/** One key figure in a grid row: its name as a heading, the figure, then in plain words what it counts. */
export function StatCard(props: { label: string; value: string; detail: string }) {
  return (
    <div class="fr-col-12 fr-col-md-4">
      <div class="fr-card fr-card--no-arrow">
        <div class="fr-card__body">
          <div class="fr-card__content">
            <h3 class="fr-card__title">{props.label}</h3>
            <p class="fr-card__desc">
              <span class="fr-h2 fr-mb-0">{props.value}</span>
              <br />
              {props.detail}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The choice of what the page counts (organisation, period…): its fields, then « Afficher ». */
export function StatsFilters(props: { action: string; legend: string; children: ComponentChildren }) {
  return (
    <form method="get" action={props.action} class="fr-mb-4w">
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">{props.legend}</legend>
        {props.children}
        <div class="fr-fieldset__element">
          <button type="submit" class="fr-btn fr-btn--secondary">
            Afficher
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** One list of {@link StatsFilters}, the current choice selected. */
export function StatsSelect(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string; selected: boolean }[];
}) {
  return (
    <div class="fr-fieldset__element">
      <div class="fr-select-group">
        <label class="fr-label" for={props.id}>
          {props.label}
          {props.hint && <span class="fr-hint-text">{props.hint}</span>}
        </label>
        <select class="fr-select" id={props.id} name={props.name}>
          {props.options.map((o) => (
            <option value={o.value} selected={o.selected}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
