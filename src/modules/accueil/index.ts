import type { FastifyInstance } from 'fastify';
import type { TremplinModule } from '../../platform/modules.ts';
import type { Platform } from '../../platform/platform.ts';
import { registerAdmin } from './admin/routes.tsx';
import { registerCallsApi } from './calls/api.routes.ts';
import { callTemplates } from './calls/templates.ts';
import { registerConsole } from './console/routes.tsx';
import { seedDemoAccueil } from './demo.ts';
import { privacyJobs } from './privacy/jobs.ts';
import { registerPrompts } from './prompts/routes.tsx';
import { accueilIndicators } from './stats/indicators.ts';
import { registerStats } from './stats/routes.tsx';
import { startVoiceService } from './voice/service.ts';
import { registerWebhook } from './webhook/routes.ts';

async function registerAccueil(app: FastifyInstance, platform: Platform): Promise<void> {
  app.navigation.push({
    label: 'Accueil téléphonique',
    href: '/accueil',
    visible: (auth) => auth !== null && (auth.actor.isOperator || auth.actor.memberships.length > 0),
  });
  await registerConsole(app, platform);
  await registerAdmin(app, platform);
  await registerPrompts(app, platform);
  await registerStats(app, platform);
  await registerWebhook(app, platform);
  await registerCallsApi(app, platform);
}

/** Phone reception: a voice server that answers calls and loses none (README.md beside this file). */
export const accueilModule: TremplinModule = {
  name: 'accueil',
  title: 'Accueil téléphonique',
  register: registerAccueil,
  templates: callTemplates,
  jobs: [...privacyJobs],
  indicators: accueilIndicators,
  seedDemo: seedDemoAccueil,
  startService: startVoiceService,
};
