import { type Commune, findDepartement } from '../../../geo/administrative.ts';
import { ErrorSummary, type FormState, Input } from '../../../web/components.tsx';
import { RadioGroup, Stepper } from './parts.tsx';

export type CommuneSearch = { text: string; matches: Commune[] } | null;

/**
 * Step 1: the person types their commune (name or postal code). The form is sent with GET, so the
 * search needs no JavaScript and no token; several matches come back as a choice of radios that
 * lead to step 2.
 */
export function CommunePage({ search, form }: { search: CommuneSearch; form: FormState }) {
  return (
    <div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <Stepper step={1} title="Prendre rendez-vous" />
        <p class="fr-text--lead">
          Prenez rendez-vous en ligne avec les services de votre collectivité, sans créer de compte.
        </p>
        <ErrorSummary form={form} labels={{ recherche: 'Votre commune' }} />
        {search && search.matches.length > 1 ? (
          <form method="get" action="/rdv/motifs">
            <RadioGroup
              name="commune"
              id="choix-commune"
              legend={
                <>
                  Plusieurs communes correspondent à « {search.text} ». Laquelle est la vôtre ?
                  <span class="fr-hint-text">Le code postal et le département sont indiqués.</span>
                </>
              }
              choices={search.matches.map((c) => ({
                value: c.code,
                label: `${c.name} (${c.postalCodes.join(', ')})`,
                hint: `${findDepartement(c.departement)?.name ?? 'Département'} (${c.departement})`,
              }))}
              checked={search.matches[0]?.code}
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" class="fr-btn">
                  Continuer
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href="/rdv">
                  Chercher une autre commune
                </a>
              </li>
            </ul>
          </form>
        ) : (
          <form method="get" action="/rdv" noValidate>
            <Input
              form={form}
              name="recherche"
              label="Votre commune"
              hint="Son nom ou son code postal, par exemple « La Seyne-sur-Mer » ou « 83500 »."
              autocomplete="address-level2"
              required
            />
            <button type="submit" class="fr-btn">
              Rechercher
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
