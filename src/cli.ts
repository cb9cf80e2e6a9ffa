import { parseArgs } from 'node:util';
import { agentCreateCommand } from './cli/agent-create.ts';
import { organisationListCommand } from './cli/organisation-list.ts';
import { tokenCreateCommand } from './cli/token-create.ts';
import { allModules } from './modules/index.ts';
import { closePlatform } from './platform/assemble.ts';
import { type Command, CommandError } from './platform/commands.ts';
import { seedDemo } from './seed.ts';
import { startPlatform } from './start.ts';

/**
 * `npm run cli -- <command> [options]`: the platform's commands and the modules' (each module's
 * `commands`). `help` lists them.
 */

const commands: Record<string, Command> = {
  'db:migrate': {
    summary: 'Applique les migrations SQL (elles le sont aussi au démarrage).',
    run: async () => console.log('Migrations appliquées.'),
  },
  seed: {
    summary: 'Charge les données de démonstration (sans effet si elles existent déjà).',
    async run(platform) {
      await seedDemo(platform);
      console.log('Données de démonstration chargées.');
    },
  },
  'organisation:list': organisationListCommand(),
  'agent:create': agentCreateCommand(CommandError),
  'token:create': tokenCreateCommand(CommandError),
  ...Object.assign({}, ...allModules.map((m) => m.commands ?? {})),
};

function printHelp() {
  console.log('Usage : npm run cli -- <commande> [options]\n\nCommandes :');
  const width = Math.max(...Object.keys(commands).map((c) => c.length), 4);
  console.log(`  ${'help'.padEnd(width)}  Affiche cette aide.`);
  for (const [name, command] of Object.entries(commands)) {
    console.log(`  ${name.padEnd(width)}  ${command.summary}`);
    if (command.usage) console.log(`  ${''.padEnd(width)}  ${command.usage}`);
  }
}

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') return printHelp();
  const command = commands[name];
  if (!command) {
    console.error(`Commande inconnue : ${name}. « npm run cli -- help » liste les commandes.`);
    process.exit(1);
  }
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${command.usage ?? ''}`);
    process.exit(1);
  }
  const platform = await startPlatform(`cli ${name}`, { seed: false });
  let code = 0;
  try {
    await command.run(platform, args as never);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    console.error(error.message);
    code = 1;
  } finally {
    await closePlatform(platform);
  }
  process.exit(code);
}

await main(process.argv.slice(2));
