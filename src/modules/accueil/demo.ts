import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import { agents, organisations } from '../../platform/tenancy/tables.ts';
import { generateDemoCalls } from './demo/generate.ts';
import { insertAll } from './demo/insert.ts';
import { DEMO_VOICEMAIL_MS, demoVoicemailWav } from './demo/voicemail-audio.ts';
import { utsLaSeyneFlow, utsLaSeynePromptTexts } from './flow/uts-la-seyne.ts';
import { calls, lines, prompts, ticketEvents, tickets, voicemails } from './tables.ts';

/** The demo line: its organisation comes from the platform's demo (tenancy/demo.ts). */
export const DEMO_LINE = {
  organisationSlug: 'var-uts-la-seyne',
  name: 'Accueil UTS La Seyne-sur-Mer',
  number: '+33494000001',
} as const;

const RECEPTION_EMAIL = 'accueil@var.tremplin.demo';
const ADMIN_EMAIL = 'admin.uts@var.tremplin.demo';

/**
 * The phone reception demo, on top of the platform's: the line « Accueil UTS La Seyne-sur-Mer »
 * (+33 4 94 00 00 01) of the UTS of La Seyne-sur-Mer, with the UTS's flow (1 ASPI, 2 ASE, 3 Pôle
 * Accueil) and its prompt texts, and four weeks of calls before `now` with their tickets, attempts and
 * voicemails (demo/generate.ts: a seeded generator, so the same calls every time for the same day).
 * One transaction, five bulk inserts. Nothing is written when the UTS is missing (no platform demo)
 * or when the line already exists: seeding twice changes nothing.
 */
export async function seedDemoAccueil(platform: Platform, now = new Date()): Promise<void> {
  await platform.database.db.transaction(async (tx) => {
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, DEMO_LINE.organisationSlug));
    if (!organisation) return;
    const [existing] = await tx
      .select({ id: lines.id })
      .from(lines)
      .where(eq(lines.number, DEMO_LINE.number));
    if (existing) return;

    const flow = utsLaSeyneFlow();
    const [line] = await tx
      .insert(lines)
      .values({
        organisationId: organisation.id,
        name: DEMO_LINE.name,
        number: DEMO_LINE.number,
        flow,
        webhookSecret: null,
        createdAt: new Date(now.getTime() - 35 * 86_400_000),
      })
      .returning();
    await tx
      .insert(prompts)
      .values(Object.entries(utsLaSeynePromptTexts).map(([key, text]) => ({ lineId: line!.id, key, text })));

    const people = await agentsByEmail(tx, [RECEPTION_EMAIL, ADMIN_EMAIL]);
    const rows = generateDemoCalls({
      now,
      flow,
      line: { id: line!.id, organisationId: organisation.id, callbackDueHours: line!.callbackDueHours },
      agents: { reception: people.get(RECEPTION_EMAIL) ?? null, admin: people.get(ADMIN_EMAIL) ?? null },
      voicemailAudio: demoVoicemailWav(),
      voicemailDurationMs: DEMO_VOICEMAIL_MS,
    });
    await insertAll(tx, calls, rows.calls);
    await insertAll(tx, tickets, rows.tickets);
    await insertAll(tx, ticketEvents, rows.events);
    await insertAll(tx, voicemails, rows.voicemails);
  });
}

/** Agents' ids by (lower-case) email: those that exist. */
async function agentsByEmail(tx: Db, emails: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: agents.id, email: sql<string>`lower(${agents.email})` })
    .from(agents)
    .where(and(inArray(sql`lower(${agents.email})`, emails)));
  return new Map(rows.map((r) => [r.email, r.id]));
}
