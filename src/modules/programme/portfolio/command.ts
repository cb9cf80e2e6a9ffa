import { writeFile } from 'node:fs/promises';
import { type Command, CommandError } from '../../../platform/commands.ts';
import { AppError } from '../../../platform/errors.ts';
import { exportProjectForBetagouv } from './betagouv.service.ts';

const usage = 'programme:export-betagouv <identifiant-du-projet> [--output <fichier.md>]';

/**
 * `npm run cli -- programme:export-betagouv <project-slug>`: prints the project's beta.gouv.fr startup
 * file (front-matter and Markdown) on stdout, or writes it to --output, ready for a pull request on
 * the national catalogue.
 */
export const exportBetagouvCommand: Command = {
  summary: 'Exporte un projet du programme en fiche startup beta.gouv.fr (Markdown).',
  usage,
  options: { output: { type: 'string' } },
  async run(platform, args) {
    const [slug, ...extra] = args.positionals;
    if (!slug?.trim() || extra.length) {
      throw new CommandError(`Indiquez l’identifiant d’un seul projet.\nUsage : npm run cli -- ${usage}`);
    }
    const output = typeof args.values.output === 'string' ? args.values.output.trim() : undefined;
    if (args.values.output !== undefined && !output) {
      throw new CommandError(`Indiquez le fichier à écrire après --output.\nUsage : npm run cli -- ${usage}`);
    }
    let exported: Awaited<ReturnType<typeof exportProjectForBetagouv>>;
    try {
      exported = await exportProjectForBetagouv(
        platform.database.db,
        { registry: platform.indicators, baseUrl: platform.config.baseUrl },
        slug.trim(),
        { publicOnly: false },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') {
        throw new CommandError(
          `Projet inconnu : ${slug.trim()}. L’identifiant est la fin de l’adresse de sa fiche (/programme/projets/<identifiant>).`,
        );
      }
      throw error;
    }
    if (!output) {
      process.stdout.write(exported.document);
      return;
    }
    try {
      await writeFile(output, exported.document, 'utf8');
    } catch (error) {
      throw new CommandError(`Impossible d’écrire le fichier ${output} : ${(error as Error).message}`);
    }
    console.log(`Fiche beta.gouv.fr écrite dans ${output}.`);
  },
};
