import type { ProgrammePart } from '../part.ts';
import { registerSurveyResponses } from './responses.routes.tsx';
import { registerSurveyBuilder } from './routes.tsx';

/**
 * Field surveys of a project (/programme/espace/projets/:projectSlug/enquetes): questionnaires built
 * with the platform's forms, answered through their public link (/questionnaire/:token, registered by
 * the platform) or typed in from paper, with results, charts and a CSV export.
 */
export const surveysPart: ProgrammePart = {
  async register(app, platform) {
    await registerSurveyBuilder(app, platform);
    await registerSurveyResponses(app, platform);
  },
};
