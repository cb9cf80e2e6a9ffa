import type { ProgrammePart } from '../part.ts';
import { exportBetagouvCommand } from './command.ts';
import { registerPortfolio } from './routes.tsx';

/** The public portfolio (/programme) and the beta.gouv.fr export, on the web and on the command line. */
export const portfolioPart: ProgrammePart = {
  register: registerPortfolio,
  commands: { 'programme:export-betagouv': exportBetagouvCommand },
};
