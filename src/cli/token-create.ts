import { createApiTokenForOrganisationSlug } from '../platform/api/api-token.service.ts';
import { systemActor } from '../platform/audit/audit.ts';
import type { Platform } from '../platform/platform.ts';

type CommandErrorClass = new (message: string) => Error;

/**
 * `token:create --organisation <slug> [--name <label>]`: creates an API token for an organisation
 * from the command line (the first token of an organisation whose admins have no account yet, or a
 * script). The token goes alone on stdout, so `$(npm run --silent cli -- token:create …)` captures
 * it; the explanations go to stderr.
 *
 * cli.ts passes its CommandError in: importing it from here would run cli.ts's main().
 */
export function tokenCreateCommand(CommandError: CommandErrorClass) {
  return {
    summary: 'Crée un jeton d’API pour une organisation et l’affiche une seule fois.',
    usage: 'token:create --organisation <slug> [--name <libellé>]',
    options: {
      organisation: { type: 'string' as const },
      name: { type: 'string' as const },
    },
    async run(
      platform: Platform,
      args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    ): Promise<void> {
      const slug = typeof args.values.organisation === 'string' ? args.values.organisation.trim() : '';
      if (!slug) {
        throw new CommandError(
          'Indiquez l’organisation : token:create --organisation <slug> [--name <libellé>].',
        );
      }
      const given = typeof args.values.name === 'string' ? args.values.name.trim() : '';
      const name = given || `Ligne de commande ${new Date().toISOString().slice(0, 10)}`;
      if (name.length > 100) throw new CommandError('Le nom du jeton fait au plus 100 caractères.');
      const created = await createApiTokenForOrganisationSlug(
        platform.database.db,
        { slug, name },
        { ...systemActor, actorLabel: 'ligne de commande' },
      );
      if (!created) {
        throw new CommandError(
          `Aucune organisation ne porte l’identifiant « ${slug} ». Vérifiez son slug dans l’administration.`,
        );
      }
      console.error(`Jeton « ${name} » créé pour ${created.organisation.name} :`);
      console.log(created.token);
      console.error(
        'Copiez-le maintenant : il ne sera plus affiché (Tremplin n’en garde qu’une empreinte). En cas de perte, révoquez-le et créez-en un autre.',
      );
    },
  };
}
