import type { Db } from '../../../../platform/db/client.ts';
import type { Caller } from '../../../../platform/tenancy/caller.ts';
import { localInstant } from '../../flow/hours.ts';
import type { Line } from '../../tables.ts';
import { promptTextsOf } from '../configuration.repository.ts';
import { openLineToConfigure, versionOf } from '../configuration.service.ts';
import { FieldReader, type FormValues } from '../form-reading.ts';
import { readPhoneNumber } from '../phone.ts';
import type { SimulationContext } from './describe.ts';

/** The line an admin simulates calls to, with what the simulation needs: its flow and prompt texts. */
export async function openSimulator(
  db: Db,
  caller: Caller,
  lineId: string,
): Promise<{ line: Line; context: SimulationContext; version: string }> {
  const line = await openLineToConfigure(db, caller, lineId);
  const prompts = await promptTextsOf(db, line.id);
  const texts = Object.fromEntries(Object.entries(prompts).map(([key, p]) => [key, p.text]));
  return {
    line,
    context: { flow: line.flow, texts, callbackDueHours: line.callbackDueHours },
    version: versionOf(line),
  };
}

export const startLabels: Record<string, string> = {
  jour: 'Jour de l’appel',
  heure: 'Heure de l’appel',
  numero: 'Numéro de l’appelant',
};

/** The moment (Paris) and the caller's number chosen to start a simulated call. */
export function readSimulationStart(
  values: FormValues,
): { ok: true; at: Date; callerNumber: string | null } | { ok: false; errors: Record<string, string> } {
  const read = new FieldReader(values);
  const day = read.day('jour', 'Indiquez le jour de l’appel, par exemple 03/06/2025.');
  const time = read.time('heure');
  if (!read.text('heure')) read.fail('heure', 'Indiquez l’heure de l’appel, par exemple 10:00.');
  const withheld = read.checked('masque');
  const typed = read.text('numero');
  const callerNumber = withheld || !typed ? null : (readPhoneNumber(typed) ?? null);
  if (!withheld && typed && !callerNumber) {
    read.fail(
      'numero',
      'Ce numéro n’est pas valide : écrivez par exemple 06 12 34 56 78, ou laissez vide pour un numéro masqué.',
    );
  }
  if (!read.ok || !day || !time || time === '24:00') return { ok: false, errors: read.errors };
  return { ok: true, at: localInstant(day, time), callerNumber };
}
