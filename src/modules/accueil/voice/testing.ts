import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../platform/db/client.ts';
import type { FlowDefinition } from '../flow/types.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { lines, prompts } from '../tables.ts';

export const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'sipp');
export const hasSipp = existsSync('/usr/bin/sipp');

const allWeek = { from: '00:00', to: '23:59' };

/**
 * Lines for calls placed by SIPp: the UTS La Seyne flow with every service open all the time, or
 * closed all the time, and short prompts so that a scenario's key presses land within seconds.
 */
export function alwaysFlow(open: boolean): FlowDefinition {
  const flow = utsLaSeyneFlow();
  return {
    ...flow,
    noInputSeconds: 5,
    services: flow.services.map((service) => ({
      ...service,
      hours: {
        1: [allWeek],
        2: [allWeek],
        3: [allWeek],
        4: [allWeek],
        5: [allWeek],
        6: [allWeek],
        7: [allWeek],
      },
      closedOnPublicHolidays: false,
      closures: open ? [] : [{ from: '2000-01-01', to: '2099-12-31', reason: 'test' }],
    })),
  };
}

const shortPrompts: Record<string, string> = {
  accueil: 'Bonjour.',
  'menu-principal': 'Tapez un chiffre.',
  'aspi-ferme': 'Fermé.',
  'ase-ferme': 'Fermé.',
  'pole-accueil-ferme': 'Fermé.',
  'offre-rappel': 'Rappel,',
  'offre-messagerie': 'message,',
  'offre-sms': 'SMS,',
  'rappel-au-numero': 'Au',
  'confirmer-ou-changer': 'Un ou deux.',
  'rappel-confirme': 'Noté.',
  'messagerie-bip': 'Parlez.',
  'message-enregistre': 'Merci.',
  transfert: 'Un instant.',
};

export async function insertSippLine(
  db: Db,
  organisationId: string,
  number: string,
  open: boolean,
  transferTo?: string,
) {
  const flow = alwaysFlow(open);
  if (transferTo) flow.services = flow.services.map((s) => ({ ...s, transferTo }));
  const [line] = await db
    .insert(lines)
    .values({ organisationId, name: `Ligne SIPp ${number}`, number, flow })
    .returning();
  await db
    .insert(prompts)
    .values(Object.entries(shortPrompts).map(([key, text]) => ({ lineId: line!.id, key, text })));
  return line!;
}

export type SippRun = { code: number | null; stdout: string; stderr: string };

/**
 * Places calls with SIPp from 127.0.0.2 (SIPp and our server must not share an address on loopback),
 * or answers them (`answer: true`: SIPp's built-in `uas` scenario on 127.0.0.3, a secretariat).
 */
export function runSipp(args: {
  scenario: string;
  server: string;
  dialled: string;
  caller: string;
  localPort: number;
  answer?: boolean;
  mediaPort: number;
  calls?: number;
  concurrent?: number;
  rate?: number;
  timeoutSeconds?: number;
  extra?: string[];
  /** Where SIPp writes its trace files (-trace_rtt, -trace_stat). */
  cwd?: string;
}): Promise<SippRun> {
  const address = args.answer ? '127.0.0.3' : '127.0.0.2';
  const argv = [
    ...(args.answer ? ['-sn', 'uas'] : [args.server, '-sf', path.join(SCENARIOS, args.scenario)]),
    '-i',
    address,
    '-p',
    String(args.localPort),
    '-mi',
    address,
    '-mp',
    String(args.mediaPort),
    ...(args.answer ? [] : ['-s', args.dialled, '-key', 'caller', args.caller]),
    '-m',
    String(args.calls ?? 1),
    '-l',
    String(args.concurrent ?? 1),
    '-r',
    String(args.rate ?? 10),
    '-nostdin',
    '-timeout',
    `${args.timeoutSeconds ?? 60}s`,
    '-timeout_error',
    ...(args.extra ?? []),
  ];
  return new Promise((resolve) => {
    const options = {
      timeout: ((args.timeoutSeconds ?? 60) + 15) * 1000,
      ...(args.cwd ? { cwd: args.cwd } : {}),
    };
    execFile('/usr/bin/sipp', argv, options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
