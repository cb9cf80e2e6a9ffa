import { z } from 'zod';
import { systemActor } from '../platform/audit/audit.ts';
import { type MembershipRole, roleLabels } from '../platform/auth/actor.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { enrolAgentFromCommandLine } from '../platform/tenancy/member.service.ts';
import { emailField } from '../platform/web/forms.ts';

type CommandErrorClass = new (message: string) => Error;

const roles = Object.keys(roleLabels) as MembershipRole[];

/** The option each field of the shared enrolment comes from, to name it in error messages. */
const optionOf: Record<string, string> = {
  email: '--email',
  firstName: '--first-name',
  lastName: '--last-name',
  role: '--role',
};

const usage =
  'agent:create --email <adresse> --organisation <slug> --role admin|agent|readonly [--first-name <prénom> --last-name <nom>] [--operator]';

/**
 * `agent:create`: creates an agent (or reuses the account of that address) and adds them to an
 * organisation, as the invitation form does but without email: the first admin of a new deployment,
 * or a script. With --operator the agent also becomes a platform operator.
 *
 * cli.ts passes its CommandError in: importing it from here would run cli.ts's main().
 */
export function agentCreateCommand(CommandError: CommandErrorClass) {
  return {
    summary: 'Crée un agent (ou reprend son compte) et l’ajoute à une organisation.',
    usage,
    options: {
      email: { type: 'string' as const },
      organisation: { type: 'string' as const },
      role: { type: 'string' as const },
      'first-name': { type: 'string' as const },
      'last-name': { type: 'string' as const },
      operator: { type: 'boolean' as const },
    },
    async run(
      platform: Platform,
      args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    ): Promise<void> {
      const text = (name: string) => {
        const value = args.values[name];
        return typeof value === 'string' ? value.trim() : '';
      };
      const problems: string[] = [];
      const email = emailField().safeParse(text('email'));
      if (!email.success) {
        problems.push(
          text('email')
            ? `--email : « ${text('email')} » n’est pas une adresse électronique valide.`
            : '--email : indiquez l’adresse électronique de l’agent.',
        );
      }
      const slug = text('organisation');
      if (!slug) problems.push('--organisation : indiquez l’identifiant (slug) de l’organisation.');
      const role = z.enum(roles).safeParse(text('role'));
      if (!role.success) {
        problems.push(
          text('role')
            ? `--role : rôle inconnu « ${text('role')} ». Choisissez admin, agent ou readonly.`
            : '--role : indiquez le rôle (admin, agent ou readonly).',
        );
      }
      if (!email.success || !slug || !role.success) {
        throw new CommandError(`${problems.join('\n')}\nUsage : ${usage}`);
      }

      let result: Awaited<ReturnType<typeof enrolAgentFromCommandLine>>;
      try {
        result = await enrolAgentFromCommandLine(
          platform.database.db,
          { ...systemActor, actorLabel: 'ligne de commande' },
          slug,
          {
            email: email.data,
            firstName: text('first-name') || undefined,
            lastName: text('last-name') || undefined,
            role: role.data,
            operator: args.values.operator === true,
          },
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'unauthenticated') throw error;
        const fields = Object.entries(error.fields).map(([f, m]) => `${optionOf[f] ?? f} : ${m}`);
        throw new CommandError(fields.length ? fields.join('\n') : error.message);
      }

      const { organisation } = result;
      console.log(
        result.agentCreated ? `Agent créé : ${email.data}.` : `Compte existant repris : ${email.data}.`,
      );
      console.log(
        `Ajouté à « ${organisation.name} » (${organisation.slug}) avec le rôle « ${roleLabels[role.data]} ».`,
      );
      if (result.madeOperator) console.log('Il est opérateur de la plateforme.');
      console.log(
        `Connexion : ${platform.config.baseUrl}/connexion, avec cette adresse (un lien lui sera envoyé).`,
      );
    },
  };
}
