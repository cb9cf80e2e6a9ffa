import { recordAudit } from '../../../platform/audit/audit.ts';
import { membershipIn } from '../../../platform/auth/permissions.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { listActiveAppointmentTypes } from '../../../platform/scheduling/admin/appointment-types.repository.ts';
import { type Caller, isUuid } from '../../../platform/tenancy/caller.ts';
import { SYSTEM_PROMPTS } from '../flow/system-prompts.ts';
import type { FlowDefinition } from '../flow/types.ts';
import { findLine } from '../lines.repository.ts';
import { canAccueil } from '../policy.ts';
import type { Line } from '../tables.ts';
import {
  promptTextsOf,
  type RetentionSettings,
  updateLineFlow,
  updateLineRetention,
} from './configuration.repository.ts';
import { type Change, type FlowEdit, flowChanges } from './flow-edit.ts';
import { addedProblems } from './flow-problems.ts';
import { FieldReader, type FormValues } from './form-reading.ts';

/**
 * Configuring a line: its flow, one form at a time, and its retention settings. Every save of the flow
 * validates the whole flow it would leave, so a flow saved here is always valid; a save is refused when
 * the line changed since the admin opened the form (another admin saved in between), with what they
 * typed kept. Saves are audited with what changed.
 */

export const CHANGED_MEANWHILE =
  'La configuration a changé entre-temps (un autre administrateur l’a modifiée). Vérifiez vos valeurs, qui sont conservées ci-dessous, puis enregistrez à nouveau.';

/** The line an admin of its organisation configures; anyone else is told it does not exist (attempt audited). */
export async function openLineToConfigure(db: Db, caller: Caller, lineId: string): Promise<Line> {
  const line = isUuid(lineId) ? await findLine(db, lineId) : undefined;
  if (!line) throw notFound();
  if (!canAccueil(caller.actor, 'accueil.configure', line)) {
    await recordAudit(db, caller.audit, {
      action: 'denied',
      resourceType: 'accueil_line',
      resourceId: line.id,
      organisationId: line.organisationId,
    });
    throw notFound();
  }
  return line;
}

export type ConfigurationExtras = {
  /** Prompt texts by key: the line's own, else the system prompts' defaults. */
  texts: Record<string, string>;
  /** Prompt keys the flow names that have neither a text nor a recording: callers would hear nothing. */
  silentPrompts: string[];
  /** The organisation's appointment types still offered, for the SMS booking link. */
  appointmentTypes: { id: string; name: string }[];
};

/** What the configuration pages show beside the flow: prompt texts and appointment types. */
export async function configurationExtras(db: Db, line: Line): Promise<ConfigurationExtras> {
  const prompts = await promptTextsOf(db, line.id);
  const texts: Record<string, string> = { ...SYSTEM_PROMPTS };
  for (const [key, prompt] of Object.entries(prompts)) {
    texts[key] = prompt.text.trim() || (prompt.recorded ? '(enregistrement sans transcription)' : '');
  }
  const silentPrompts = [...new Set(promptKeysOf(line.flow))].filter((key) => !texts[key]?.trim());
  const appointmentTypes = (await listActiveAppointmentTypes(db, line.organisationId)).map((t) => ({
    id: t.id,
    name: t.category ? `${t.category} – ${t.name}` : t.name,
  }));
  return { texts, silentPrompts, appointmentTypes };
}

function promptKeysOf(flow: FlowDefinition): string[] {
  return [
    flow.welcomePrompt,
    ...flow.menus.map((m) => m.prompt),
    ...flow.services.map((s) => s.closedPrompt),
  ];
}

/** The version a form carries: when the line was last saved. */
export const versionOf = (line: Pick<Line, 'updatedAt'>) => line.updatedAt.toISOString();

export type SaveResult =
  | { ok: true; changes: Change[] }
  /** `conflict`: the line changed meanwhile; the form is shown again with the new version. */
  | { ok: false; errors: Record<string, string>; conflict: boolean };

function sameVersion(line: Line, version: string | undefined): boolean {
  const posted = new Date(version ?? '');
  return !Number.isNaN(posted.getTime()) && posted.getTime() === line.updatedAt.getTime();
}

const conflictResult: SaveResult = { ok: false, errors: { _: CHANGED_MEANWHILE }, conflict: true };

/**
 * Applies one form of the flow editor to the line's flow. Refused, with a message on the field that
 * caused it, when the flow would have a problem it did not have (a dead end, a key leading nowhere,
 * a service without hours…).
 */
export async function changeLineFlow(
  db: Db,
  caller: Caller,
  line: Line,
  version: string | undefined,
  edit: FlowEdit,
  values: FormValues,
  now: Date,
): Promise<SaveResult> {
  if (!sameVersion(line, version)) return conflictResult;
  const applied = edit.apply(line.flow, values);
  if (!applied.ok) return { ok: false, errors: applied.errors, conflict: false };
  const problems = addedProblems(line.flow, applied.flow);
  if (problems.length > 0) {
    const errors: Record<string, string> = {};
    for (const problem of problems) {
      const field = edit.fieldOf(problem) ?? '_';
      errors[field] = errors[field] ? `${errors[field]} ${problem.message}` : problem.message;
    }
    return { ok: false, errors, conflict: false };
  }
  const changes = flowChanges(line.flow, applied.flow);
  if (changes.length === 0) return { ok: true, changes };
  return db.transaction(async (tx) => {
    if (!(await updateLineFlow(tx, line.id, line.updatedAt, applied.flow, now))) return conflictResult;
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'accueil_line',
      resourceId: line.id,
      organisationId: line.organisationId,
      territoryId: membershipIn(caller.actor, line.organisationId)?.territoryId ?? null,
      details: { change: edit.label, changes },
    });
    return { ok: true as const, changes };
  });
}

/** The bounds of the table's checks (migration 0009). */
export const RETENTION_BOUNDS = {
  audioRetentionDays: { min: 1, max: 365 },
  numberRetentionDays: { min: 1, max: 730 },
  callbackDueHours: { min: 1, max: 40 },
};

export function retentionValues(line: RetentionSettings): FormValues {
  return {
    audio: String(line.audioRetentionDays),
    numeros: String(line.numberRetentionDays),
    rappel: String(line.callbackDueHours),
  };
}

export async function changeRetention(
  db: Db,
  caller: Caller,
  line: Line,
  version: string | undefined,
  values: FormValues,
  now: Date,
): Promise<SaveResult> {
  const read = new FieldReader(values);
  const { audioRetentionDays: a, numberRetentionDays: n, callbackDueHours: c } = RETENTION_BOUNDS;
  const audioRetentionDays = read.integer('audio', a.min, a.max, 'jours');
  const numberRetentionDays = read.integer('numeros', n.min, n.max, 'jours');
  const callbackDueHours = read.integer('rappel', c.min, c.max, 'heures');
  if (
    audioRetentionDays === undefined ||
    numberRetentionDays === undefined ||
    callbackDueHours === undefined
  ) {
    return { ok: false, errors: read.errors, conflict: false };
  }
  if (!sameVersion(line, version)) return conflictResult;
  const after: RetentionSettings = { audioRetentionDays, numberRetentionDays, callbackDueHours };
  const changes: Change[] = (Object.keys(after) as (keyof RetentionSettings)[])
    .filter((key) => line[key] !== after[key])
    .map((key) => ({ path: key, before: line[key], after: after[key] }));
  if (changes.length === 0) return { ok: true, changes };
  return db.transaction(async (tx) => {
    if (!(await updateLineRetention(tx, line.id, line.updatedAt, after, now))) return conflictResult;
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'accueil_line',
      resourceId: line.id,
      organisationId: line.organisationId,
      territoryId: membershipIn(caller.actor, line.organisationId)?.territoryId ?? null,
      details: { change: 'durées de conservation et délai de rappel', changes },
    });
    return { ok: true as const, changes };
  });
}
