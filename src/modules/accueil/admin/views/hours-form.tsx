import { type FormState, PostForm } from '../../../../platform/web/components.tsx';
import { Checkbox, Field, FormErrors } from '../../../../platform/web/fields.tsx';
import type { ServiceDefinition } from '../../flow/types.ts';
import type { Line } from '../../tables.ts';
import { endField, HOLIDAYS_FIELD, RANGES_PER_DAY, startField } from '../hours.edit.ts';
import { WEEKDAY_NAMES, WEEKDAYS } from '../hours-format.ts';
import { ConfigHeader, FormButtons, paths, VersionField } from './common.tsx';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const hoursLabels: Record<string, string> = Object.fromEntries(
  WEEKDAYS.flatMap((day) =>
    Array.from({ length: RANGES_PER_DAY }, (_, i) => [
      [startField(day, i + 1), `${capitalised(WEEKDAY_NAMES[day])}, plage ${i + 1}, début`],
      [endField(day, i + 1), `${capitalised(WEEKDAY_NAMES[day])}, plage ${i + 1}, fin`],
    ]).flat(),
  ),
);

/** Seven fieldsets of up to three ranges; an empty day is closed. Shared by the new-service form. */
export function HoursFields({ form }: { form: FormState }) {
  return (
    <>
      {WEEKDAYS.map((day) => (
        <fieldset class="fr-fieldset" aria-labelledby={`jour-${day}-legende`}>
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`jour-${day}-legende`}>
            {capitalised(WEEKDAY_NAMES[day])}
          </legend>
          {Array.from({ length: RANGES_PER_DAY }, (_, i) => (
            <div class="fr-fieldset__element">
              <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-6">
                  <Field
                    form={form}
                    type="time"
                    name={startField(day, i + 1)}
                    label={`Plage ${i + 1}, début`}
                  />
                </div>
                <div class="fr-col-6">
                  <Field form={form} type="time" name={endField(day, i + 1)} label={`Plage ${i + 1}, fin`} />
                </div>
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <Checkbox
        form={form}
        name={HOLIDAYS_FIELD}
        label="Fermé les jours fériés"
        hint="Les jours fériés du département réglé dans le parcours (Alsace-Moselle et outre-mer compris)."
      />
    </>
  );
}

export function HoursPage(props: {
  line: Pick<Line, 'id' | 'name'>;
  service: ServiceDefinition;
  form: FormState;
  version: string;
  csrfToken: string;
}) {
  return (
    <>
      <ConfigHeader
        line={props.line}
        title={`Horaires – ${props.service.name}`}
        lead="Heure de Paris. Jusqu’à trois plages par jour, par exemple 08:30 – 12:00 et 13:30 – 17:00 ; un jour sans plage est fermé."
      />
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <FormErrors form={props.form} labels={hoursLabels} />
          <PostForm action={paths.hours(props.line.id, props.service.key)} csrfToken={props.csrfToken}>
            <VersionField version={props.version} />
            <HoursFields form={props.form} />
            <FormButtons lineId={props.line.id} />
          </PostForm>
        </div>
      </div>
    </>
  );
}
