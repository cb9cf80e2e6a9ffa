import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../../platform/messaging/tables.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { localInstant } from '../flow/hours.ts';
import { accueilModule } from '../index.ts';
import { calls, tickets, voicemails } from '../tables.ts';
import { accueilWorld, TEST_LINE_NUMBER } from '../testing.ts';
import { advanceCall, openCall } from './calls.service.ts';

let ctx: TestContext;
let n = 0;

beforeAll(async () => {
  ctx = await startTestApp({}, [accueilModule]);
  await accueilWorld(ctx.platform.database.db);
});
afterAll(() => ctx.close());

// Tuesday 1 December 2026, 10:00 in Paris: every service of the UTS is open. Saturday: all closed.
const openAt = localInstant('2026-12-01', '10:00');
const closedAt = localInstant('2026-12-05', '10:00');
const later = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

async function call(at: Date, callerNumber: string | null = '+33612345678') {
  const progress = await openCall(ctx.platform, {
    channel: 'sip',
    externalId: `call-${++n}@test`,
    dialled: TEST_LINE_NUMBER,
    callerNumber,
    at,
  });
  if (!progress) throw new Error('no line');
  let seconds = 0;
  return {
    id: progress.callId,
    first: progress,
    async press(digits: string) {
      return (await advanceCall(ctx.platform, progress.callId, {
        type: 'digits',
        digits,
        at: later(at, ++seconds),
      }))!;
    },
    async event(event: Parameters<typeof advanceCall>[2], options?: Parameters<typeof advanceCall>[3]) {
      return (await advanceCall(ctx.platform, progress.callId, event, options))!;
    },
    at: () => later(at, ++seconds),
  };
}

async function row(id: string) {
  const [found] = await ctx.platform.database.db.select().from(calls).where(eq(calls.id, id));
  return found!;
}

describe('calls: every call ends with one recorded outcome', () => {
  it('records a call transferred to the service that answered, with its menu path', async () => {
    const c = await call(openAt);
    expect(c.first.actions.map((a) => a.type)).toEqual(['play', 'gather']);
    const transfer = await c.press('1');
    expect(transfer.actions.at(-1)).toMatchObject({
      type: 'transfer',
      serviceKey: 'aspi',
      to: 'sip:aspi@127.0.0.1:5091',
    });
    await c.event({ type: 'transferResult', answered: true, at: c.at() });
    const ended = await c.event({ type: 'hangup', at: c.at() });
    expect(ended.ended).toBe(true);
    const recorded = await row(c.id);
    expect(recorded).toMatchObject({
      outcome: 'transfere_repondu',
      serviceKey: 'aspi',
      menuPath: ['principal', '1', 'aspi'],
    });
    expect(recorded.endedAt).not.toBeNull();
    expect(recorded.state?.definition).toBeUndefined();
    expect(recorded.steps.map((s) => s.kind)).toContain('transfert-repondu');
  });

  it('is idempotent: the same call reported twice is one call, and a stale event changes nothing', async () => {
    const at = openAt;
    const input = {
      channel: 'webhook' as const,
      externalId: 'CA-retry',
      dialled: TEST_LINE_NUMBER,
      callerNumber: null,
      at,
    };
    const first = await openCall(ctx.platform, input);
    const again = await openCall(ctx.platform, input);
    expect(again).toEqual(first);
    const moved = await advanceCall(
      ctx.platform,
      first!.callId,
      { type: 'digits', digits: '1', at },
      { seq: 0 },
    );
    const retried = await advanceCall(
      ctx.platform,
      first!.callId,
      { type: 'digits', digits: '1', at },
      { seq: 0 },
    );
    expect(retried).toEqual(moved);
    expect((await row(first!.callId)).menuPath).toEqual(['principal', '1', 'aspi']);
  });

  it('opens a callback ticket due within four working hours when the caller asks for one', async () => {
    const c = await call(closedAt);
    const overflow = await c.press('1');
    expect(overflow.actions.at(-1)).toMatchObject({ type: 'gather' });
    await c.press('1'); // rappel
    const done = await c.press('1'); // confirm the presented number
    expect(done.actions.at(-1)).toEqual({ type: 'hangup' });
    const [ticket] = await ctx.platform.database.db.select().from(tickets).where(eq(tickets.callId, c.id));
    expect(ticket).toMatchObject({
      reason: 'rappel_demande',
      callerNumber: '+33612345678',
      serviceKey: 'aspi',
      status: 'a_rappeler',
    });
    // Saturday → Monday 8:30 + 4 working hours = 12:00 (morning 8:30–12:00 = 3.5 h) → 14:00.
    expect(ticket!.dueAt.toISOString()).toBe(localInstant('2026-12-07', '14:00').toISOString());
    expect((await row(c.id)).outcome).toBe('rappel_demande');
  });

  it('sends the service’s information and the booking link by SMS through the outbox', async () => {
    const c = await call(closedAt, '+33698765432');
    await c.press('3'); // Pôle Accueil, closed
    await c.press('3'); // sms
    await c.press('1'); // confirm the mobile number
    expect((await row(c.id)).outcome).toBe('sms_envoye');
    const [sms] = await ctx.platform.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.idempotencyKey, `accueil:appel:${c.id}:sms`));
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+33698765432' });
    expect(JSON.stringify(sms)).toContain('/rdv/motifs?commune=83126');
  });

  it('keeps the voicemail as a WAV with the call', async () => {
    const c = await call(closedAt);
    await c.press('1');
    const record = await c.press('2');
    expect(record.actions.at(-1)).toMatchObject({ type: 'record', maxSeconds: 120 });
    const wav = Buffer.from('RIFF....WAVEfmt ');
    await c.event(
      { type: 'recorded', durationMs: 7000, at: c.at() },
      { voicemail: { wav, durationMs: 7000 } },
    );
    await c.event({ type: 'hangup', at: c.at() });
    const [message] = await ctx.platform.database.db
      .select()
      .from(voicemails)
      .where(eq(voicemails.callId, c.id));
    expect(message).toMatchObject({ durationMs: 7000, serviceKey: 'aspi', callerNumber: '+33612345678' });
    expect(message!.audio?.equals(wav)).toBe(true);
    expect((await row(c.id)).outcome).toBe('message_vocal');
  });

  it('still opens a ticket for a caller who hangs up before choosing; a withheld number is a lost call', async () => {
    const known = await call(openAt);
    await known.event({ type: 'hangup', at: known.at() });
    expect((await row(known.id)).outcome).toBe('raccroche_ticket');
    const [ticket] = await ctx.platform.database.db
      .select()
      .from(tickets)
      .where(eq(tickets.callId, known.id));
    expect(ticket).toMatchObject({ reason: 'raccroche', callerNumber: '+33612345678' });

    const withheld = await call(openAt, null);
    await withheld.event({ type: 'hangup', at: withheld.at() });
    const lost = await row(withheld.id);
    expect(lost.outcome).toBeNull();
    expect(lost.endedAt).not.toBeNull();
    // A late event for a call that is over changes nothing.
    const after = await withheld.event({ type: 'digits', digits: '1', at: withheld.at() });
    expect(after).toMatchObject({ ended: true, actions: [] });
  });

  it('answers null for a number that is no line of ours', async () => {
    expect(
      await openCall(ctx.platform, {
        channel: 'sip',
        externalId: 'x',
        dialled: '+33100000000',
        callerNumber: null,
        at: openAt,
      }),
    ).toBeNull();
  });
});
