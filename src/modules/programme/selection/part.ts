import type { ProgrammePart } from '../part.ts';
import { registerEvaluation } from './evaluation.routes.tsx';
import { registerJury } from './jury.routes.tsx';
import { registerSelection } from './selection.routes.tsx';
import { selectionTemplates } from './templates.ts';

/**
 * Selection by a jury (README.md beside this file): jurors and rubric, reviews with conflicts of
 * interest, private discussion, ranking, decisions (a retained problem becomes a project) and their
 * notification by email.
 */
export const selectionPart: ProgrammePart = {
  async register(app, platform) {
    await registerJury(app, platform);
    await registerEvaluation(app, platform);
    await registerSelection(app, platform);
  },
  templates: selectionTemplates,
};
