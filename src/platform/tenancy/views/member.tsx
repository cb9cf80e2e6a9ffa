import { displayName, roleLabels } from '../../auth/actor.ts';
import {
  ErrorSummary,
  type FormState,
  formatDateTime,
  PostForm,
  Select,
  SubmitButton,
} from '../../web/components.tsx';
import type { Member } from '../member.repository.ts';
import type { Organisation } from '../organisation.repository.ts';
import { roleLabelsForForm } from '../schemas.ts';
import { roleOptions } from './organisation.tsx';
import { AccountStatus, AdminBreadcrumb, memberPath, organisationPath } from './parts.tsx';

export function MemberPage(props: {
  organisation: Organisation;
  member: Member;
  mayManage: boolean;
  mayChangeStatus: boolean;
  isSelf: boolean;
  roleForm: FormState;
  csrfToken: string;
}) {
  const { organisation, member } = props;
  const name = displayName(member) || member.email;
  const path = memberPath(organisation.slug, member.agentId);
  return (
    <>
      <AdminBreadcrumb
        items={[
          { label: 'Organisations', href: '/admin/organisations' },
          { label: organisation.name, href: organisationPath(organisation.slug) },
          { label: name },
        ]}
      />
      <h1>{name}</h1>
      <AccountStatus deactivatedAt={member.deactivatedAt} />
      <h2 class="fr-mt-4w">Informations</h2>
      <dl>
        <dt>Adresse électronique</dt>
        <dd>{member.email}</dd>
        <dt>Prénom</dt>
        <dd>{member.firstName || '—'}</dd>
        <dt>Nom</dt>
        <dd>{member.lastName || '—'}</dd>
        <dt>Rôle dans {organisation.name}</dt>
        <dd>{roleLabels[member.role]}</dd>
        <dt>Membre depuis</dt>
        <dd>{formatDateTime(member.memberSince)}</dd>
        <dt>Dernière connexion</dt>
        <dd>{member.lastSignInAt ? formatDateTime(member.lastSignInAt) : 'Jamais'}</dd>
        <dt>Statut du compte</dt>
        <dd>
          {member.deactivatedAt ? `Désactivé le ${formatDateTime(member.deactivatedAt)}` : 'Actif'}
          {member.isOperator ? ' · opérateur de la plateforme' : ''}
        </dd>
      </dl>

      {props.mayManage && (
        <>
          <h2 class="fr-mt-4w">Rôle</h2>
          <ErrorSummary form={props.roleForm} labels={roleLabelsForForm} />
          <PostForm action={`${path}/role`} csrfToken={props.csrfToken}>
            <Select
              form={props.roleForm}
              name="role"
              label={`Rôle dans ${organisation.name}`}
              options={roleOptions}
              required
            />
            <SubmitButton>Changer le rôle</SubmitButton>
          </PostForm>

          <h2 class="fr-mt-4w">Retirer de l’organisation</h2>
          <p>
            {props.isSelf
              ? `Vous quitterez ${organisation.name} et n’aurez plus accès à ses données.`
              : `${name} n’aura plus accès aux données de ${organisation.name}. Son compte reste actif pour ses autres organisations.`}
          </p>
          <PostForm action={`${path}/retrait`} csrfToken={props.csrfToken}>
            <SubmitButton secondary>
              {props.isSelf ? 'Quitter l’organisation' : 'Retirer de l’organisation'}
            </SubmitButton>
          </PostForm>
        </>
      )}

      {props.mayChangeStatus && (
        <>
          <h2 class="fr-mt-4w">Compte</h2>
          {member.deactivatedAt ? (
            <>
              <p>
                Réactiver le compte permet à {name} de se connecter à nouveau, avec les mêmes organisations.
              </p>
              <PostForm action={`${path}/reactivation`} csrfToken={props.csrfToken}>
                <SubmitButton secondary>Réactiver le compte</SubmitButton>
              </PostForm>
            </>
          ) : (
            <>
              <p>
                Désactiver le compte déconnecte {name} immédiatement et l’empêche de se connecter, dans toutes
                ses organisations. Ses rôles sont conservés en cas de réactivation.
              </p>
              <PostForm action={`${path}/desactivation`} csrfToken={props.csrfToken}>
                <SubmitButton secondary>Désactiver le compte</SubmitButton>
              </PostForm>
            </>
          )}
        </>
      )}
    </>
  );
}
