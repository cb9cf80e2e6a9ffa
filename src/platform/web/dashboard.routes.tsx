import type { FastifyInstance } from 'fastify';
import { displayName, type SignedIn } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/require.ts';
import { MembershipsTable } from '../auth/views/account.tsx';
import type { NavItem } from './layout.tsx';

const DASHBOARD = '/tableau-de-bord';

/** Whether to offer the administration (built in src/platform/admin): operators and organisation admins. */
function administersSomething(auth: SignedIn): boolean {
  return auth.actor.isOperator || auth.actor.memberships.some((m) => m.role === 'admin');
}

/** The signed-in agent's home: where they work, their roles, and where they can go from here. */
export async function registerDashboard(app: FastifyInstance): Promise<void> {
  app.navigation.push({ label: 'Tableau de bord', href: DASHBOARD, visible: (auth) => auth !== null });

  app.get(DASHBOARD, async (request, reply) => {
    const auth = requireSignedIn(request);
    const destinations = app.navigation.filter((n) => n.href !== DASHBOARD && n.visible(auth));
    // The administration may have its own navigation entry; then it is already among the destinations.
    const admin = administersSomething(auth) && !destinations.some((d) => d.href === '/admin');
    return reply.page('Tableau de bord', <Dashboard auth={auth} destinations={destinations} admin={admin} />);
  });
}

function Dashboard(props: { auth: SignedIn; destinations: NavItem[]; admin: boolean }) {
  const { actor, currentOrganisation } = props.auth;
  return (
    <>
      <h1>Bonjour {displayName(actor)}</h1>
      {currentOrganisation ? (
        <p class="fr-text--lead">
          Vous travaillez pour <strong>{currentOrganisation.organisationName}</strong>
          {currentOrganisation.territoryName ? (
            <>
              {' '}
              (<span>{currentOrganisation.territoryName}</span>)
            </>
          ) : (
            ', organisation nationale'
          )}
          .
        </p>
      ) : (
        <p class="fr-text--lead">
          {actor.isOperator
            ? 'Vous êtes opérateur de la plateforme.'
            : 'Vous n’êtes encore membre d’aucune organisation.'}
        </p>
      )}
      {actor.memberships.length > 1 && (
        <p>
          <a class="fr-link fr-icon-building-line fr-link--icon-left" href="/compte/organisation">
            Changer d’organisation actuelle
          </a>
        </p>
      )}

      <h2>Mes organisations et mes rôles</h2>
      <MembershipsTable memberships={actor.memberships} current={currentOrganisation} />

      <h2>Accès rapides</h2>
      {props.destinations.length === 0 && !props.admin ? (
        <p>Aucun service n’est encore activé pour vous sur cette instance.</p>
      ) : (
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          {props.destinations.map((d) => (
            <li>
              <a class="fr-btn fr-btn--secondary" href={d.href}>
                {d.label}
              </a>
            </li>
          ))}
          {props.admin && (
            <li>
              <a class="fr-btn fr-btn--secondary fr-icon-settings-5-line" href="/admin">
                Administration
              </a>
            </li>
          )}
        </ul>
      )}
      <p>
        <a class="fr-link fr-icon-account-circle-line fr-link--icon-left" href="/compte">
          Mon compte et mes sessions
        </a>
      </p>
    </>
  );
}
