import { type Actor, roleLabels } from '../../auth/actor.ts';
import {
  ErrorSummary,
  type FormState,
  Input,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../web/components.tsx';
import { organisationKindLabels } from '../labels.ts';
import type { OrganisationKind, OrganisationSummary } from '../organisation.repository.ts';
import { organisationLabels } from '../schemas.ts';
import { AdminBreadcrumb, organisationPath } from './parts.tsx';

export function OrganisationsPage(props: {
  actor: Actor;
  organisations: OrganisationSummary[];
  mayCreate: boolean;
}) {
  const roleIn = (id: string) => props.actor.memberships.find((m) => m.organisationId === id)?.role;
  return (
    <>
      <AdminBreadcrumb items={[{ label: 'Organisations' }]} />
      <h1>{props.actor.isOperator ? 'Organisations' : 'Mes organisations'}</h1>
      {props.mayCreate && (
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/organisations/nouvelle">
              Créer une organisation
            </a>
          </li>
        </ul>
      )}
      {props.organisations.length === 0 ? (
        <p>Vous n’êtes membre d’aucune organisation.</p>
      ) : (
        <Table
          id="organisations"
          caption={`${props.organisations.length} organisation${props.organisations.length > 1 ? 's' : ''}`}
          headers={['Organisation', 'Type', 'Territoire', 'Membres', 'Votre rôle']}
        >
          {props.organisations.map((o) => {
            const role = roleIn(o.id);
            return (
              <tr>
                <td>
                  <a href={organisationPath(o.slug)}>{o.name}</a>
                </td>
                <td>{organisationKindLabels[o.kind]}</td>
                <td>{o.territoryName ?? 'Aucun (national)'}</td>
                <td>{o.memberCount}</td>
                <td>{role ? roleLabels[role] : props.actor.isOperator ? 'Opérateur' : '—'}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </>
  );
}

export function OrganisationFormPage(props: {
  form: FormState;
  csrfToken: string;
  territories: { id: string; name: string }[];
  kinds: OrganisationKind[];
  allowsNoTerritory: boolean;
}) {
  const territoryOptions = [
    ...props.territories.map((t) => ({ value: t.id, label: t.name })),
    ...(props.allowsNoTerritory ? [{ value: 'aucun', label: 'Aucun : organisation nationale' }] : []),
  ];
  const form =
    // One possible territory is chosen in advance, on the blank form only (never over an error).
    territoryOptions.length === 1 &&
    Object.keys(props.form.errors).length === 0 &&
    !props.form.values.territoryId
      ? { ...props.form, values: { ...props.form.values, territoryId: territoryOptions[0]!.value } }
      : props.form;
  return (
    <>
      <AdminBreadcrumb
        items={[
          { label: 'Organisations', href: '/admin/organisations' },
          { label: 'Créer une organisation' },
        ]}
      />
      <h1>Créer une organisation</h1>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-8">
          <p>
            Une organisation est un service de la collectivité (UTS, direction, CCAS…). Ses agents y
            travaillent ensemble et ses données lui appartiennent.
          </p>
          <ErrorSummary form={form} labels={organisationLabels} />
          <PostForm action="/admin/organisations/nouvelle" csrfToken={props.csrfToken}>
            <Select
              form={form}
              name="territoryId"
              label={organisationLabels.territoryId}
              options={territoryOptions}
              required
              placeholder="Choisir un territoire"
            />
            <Select
              form={form}
              name="kind"
              label={organisationLabels.kind}
              options={props.kinds.map((k) => ({ value: k, label: organisationKindLabels[k] }))}
              required
              placeholder="Choisir un type"
            />
            <Input
              form={form}
              name="name"
              label={organisationLabels.name}
              hint="Par exemple : UTS de La Seyne-sur-Mer. L’adresse de sa page est tirée du nom."
              required
            />
            <SubmitButton>Créer l’organisation</SubmitButton>
          </PostForm>
        </div>
      </div>
    </>
  );
}
