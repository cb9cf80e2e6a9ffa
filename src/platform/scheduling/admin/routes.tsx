import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform.ts';
import { registerAgentTimeRoutes } from './agent-time.routes.tsx';
import { registerAppointmentTypeRoutes } from './appointment-types.routes.tsx';
import { openSettingsOrganisation, organisationChoices } from './organisation-context.service.ts';
import { registerPlaceRoutes } from './places.routes.tsx';
import { callerOf, organisationQuery } from './route-parts.ts';
import { registerSectorRoutes } from './sectors.routes.tsx';
import { NoOrganisationPage, SettingsHomePage } from './views/home.tsx';

/**
 * Places, appointment types, opening slots, absences and sectorisation pages (/rendez-vous/parametres).
 * Every page works on one organisation: ?organisation=<slug>, else the one the agent works in now.
 * Pages of one record (/lieux/:id…) take the organisation of the record; another organisation's record
 * is not found (and the attempt audited).
 */
export async function registerSchedulingAdmin(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  web.get(
    '/rendez-vous/parametres',
    { schema: { querystring: organisationQuery } },
    async (request, reply) => {
      const caller = callerOf(request);
      const organisation = await openSettingsOrganisation(
        db,
        caller,
        request.query.organisation,
        request.auth?.currentOrganisation ?? null,
      );
      if (!organisation) return reply.page('Paramètres des rendez-vous', <NoOrganisationPage />);
      return reply.page(
        'Paramètres des rendez-vous',
        <SettingsHomePage
          organisation={organisation}
          choices={organisationChoices(caller.actor.memberships)}
        />,
      );
    },
  );

  registerPlaceRoutes(app, db);
  registerAppointmentTypeRoutes(app, db);
  registerAgentTimeRoutes(app, db);
  registerSectorRoutes(app, db);
}
