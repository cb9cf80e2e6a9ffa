import type { FastifyInstance } from 'fastify';
import type { TremplinModule } from '../../platform/modules.ts';
import type { Platform } from '../../platform/platform.ts';
import { followOrientationAppointments } from './appointment-sync.ts';
import { registerBeneficiaries } from './beneficiaries/routes.tsx';
import { seedDemoRsa } from './demo.ts';
import { rsaImportCommands } from './import/command.ts';
import { importJobs } from './import/jobs.ts';
import { registerImport } from './import/routes.tsx';
import { invitationsJobs } from './invitations/jobs.ts';
import { registerInvitations } from './invitations/routes.tsx';
import { invitationTemplates } from './invitations/templates.ts';
import { registerOrientation } from './orientation/routes.tsx';
import { privacyJobs } from './privacy/jobs.ts';
import { registerPrivacy } from './privacy/routes.tsx';
import { rsaIndicators } from './stats/indicators.ts';
import { registerStats } from './stats/routes.tsx';

async function registerRsa(app: FastifyInstance, platform: Platform): Promise<void> {
  app.navigation.push({
    label: 'RSA',
    href: '/rsa',
    visible: (auth) => auth !== null && (auth.actor.isOperator || auth.actor.memberships.length > 0),
  });
  await registerBeneficiaries(app, platform);
  await registerImport(app, platform);
  await registerInvitations(app, platform);
  await registerOrientation(app, platform);
  await registerStats(app, platform);
  await registerPrivacy(app, platform);
}

/** RSA orientation: from the CAF list to the first meeting with the référent (README.md beside this file). */
export const rsaModule: TremplinModule = {
  name: 'rsa',
  title: 'Orientation RSA',
  register: registerRsa,
  templates: invitationTemplates,
  jobs: [...importJobs, ...invitationsJobs, ...privacyJobs],
  onAppointmentEvent: followOrientationAppointments,
  commands: rsaImportCommands,
  indicators: rsaIndicators,
  seedDemo: seedDemoRsa,
};
