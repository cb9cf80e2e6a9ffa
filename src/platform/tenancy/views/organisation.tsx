import { displayName, type MembershipRole, roleLabels } from '../../auth/actor.ts';
import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  Input,
  PostForm,
  Select,
  SubmitButton,
  Table,
} from '../../web/components.tsx';
import { organisationKindLabels } from '../labels.ts';
import type { Member } from '../member.repository.ts';
import type { Organisation } from '../organisation.repository.ts';
import { invitationLabels } from '../schemas.ts';
import { AccountStatus, AdminBreadcrumb, memberPath, organisationPath } from './parts.tsx';

export const roleOptions = (Object.keys(roleLabels) as MembershipRole[]).map((value) => ({
  value,
  label: roleLabels[value],
}));

export function OrganisationPage(props: {
  organisation: Organisation;
  members: Member[];
  mayManage: boolean;
  invitation: FormState;
  csrfToken: string;
}) {
  const { organisation, members } = props;
  const path = organisationPath(organisation.slug);
  return (
    <>
      <AdminBreadcrumb
        items={[{ label: 'Organisations', href: '/admin/organisations' }, { label: organisation.name }]}
      />
      <h1>{organisation.name}</h1>
      <p class="fr-text--lead">
        {organisationKindLabels[organisation.kind]} ·{' '}
        {organisation.territoryName ?? 'Organisation nationale, sans territoire'}
      </p>
      {props.mayManage && (
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a
              class="fr-btn fr-btn--secondary fr-icon-code-s-slash-line fr-btn--icon-left"
              href={`${path}/jetons`}
            >
              Jetons d’API
            </a>
          </li>
        </ul>
      )}

      <h2>Membres</h2>
      {members.length === 0 ? (
        <p>Cette organisation n’a encore aucun membre.</p>
      ) : (
        <Table
          id="membres"
          caption={`${members.length} membre${members.length > 1 ? 's' : ''} de ${organisation.name}`}
          headers={['Nom', 'Adresse électronique', 'Rôle', 'Statut', 'Dernière connexion']}
        >
          {members.map((m) => (
            <tr>
              <td>
                <a href={memberPath(organisation.slug, m.agentId)}>{displayName(m) || m.email}</a>
              </td>
              <td>{m.email}</td>
              <td>{roleLabels[m.role]}</td>
              <td>
                <AccountStatus deactivatedAt={m.deactivatedAt} />
              </td>
              <td>{m.lastSignInAt ? formatDateTime(m.lastSignInAt) : 'Jamais'}</td>
            </tr>
          ))}
        </Table>
      )}

      {props.mayManage && (
        <section class="fr-mt-6w" aria-labelledby="inviter">
          <h2 id="inviter">Inviter un agent</h2>
          <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-md-8">
              <p>
                La personne reçoit par courriel un lien de connexion valable 7 jours. Si elle a déjà un compte
                sur Tremplin, elle est simplement ajoutée à l’organisation.
              </p>
              <ErrorSummary form={props.invitation} labels={invitationLabels} />
              <PostForm action={`${path}/invitations`} csrfToken={props.csrfToken}>
                <Input
                  form={props.invitation}
                  name="email"
                  label={invitationLabels.email}
                  type="email"
                  autocomplete="off"
                  spellcheck={false}
                  required
                />
                <Input
                  form={props.invitation}
                  name="firstName"
                  label={invitationLabels.firstName}
                  hint="Obligatoire si la personne n’a pas encore de compte."
                  autocomplete="off"
                />
                <Input
                  form={props.invitation}
                  name="lastName"
                  label={invitationLabels.lastName}
                  hint="Obligatoire si la personne n’a pas encore de compte."
                  autocomplete="off"
                />
                <Select
                  form={props.invitation}
                  name="role"
                  label={invitationLabels.role}
                  hint="Les administrateurs gèrent les membres et les jetons d’API ; la lecture seule ne permet aucune modification."
                  options={roleOptions}
                  required
                />
                <SubmitButton>Envoyer l’invitation</SubmitButton>
              </PostForm>
            </div>
          </div>
        </section>
      )}
    </>
  );
}
