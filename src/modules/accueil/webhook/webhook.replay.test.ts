import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import type { FlowDefinition } from '../flow/types.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { accueilModule } from '../index.ts';
import { g711Wav } from '../media/wav.ts';
import { calls, lines, prompts, tickets, voicemails } from '../tables.ts';
import { type AccueilWorld, accueilWorld, TEST_LINE_NUMBER } from '../testing.ts';
import { twilioSignature } from './signature.ts';

/**
 * A hosted provider's requests replayed against the app, signed as Twilio signs them, following the
 * addresses our TwiML hands out — the way the provider walks a call — and the outcome read back from
 * accueil_calls. The recording the provider would host is served by a local HTTP server that asks for
 * the account's credentials, as Twilio does when « HTTP auth for media » is on.
 */
const BASE_URL = 'http://localhost:3000';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const CALLER = '+33612345678';
const RECORDING = g711Wav(Buffer.alloc(8000, 0x7f), 'ulaw');

type Verb = { name: string; attributes: Record<string, string>; text: string; children: Verb[] };

function verbsOf(xml: string): Verb[] {
  const parsed = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
  }).parse(xml) as Record<string, unknown>[];
  const toVerb = (node: Record<string, unknown>): Verb[] => {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text') return [];
    const children = node[name] as Record<string, unknown>[];
    return [
      {
        name,
        attributes: (node[':@'] as Record<string, string>) ?? {},
        text: children.map((c) => c['#text'] ?? '').join(''),
        children: children.flatMap(toVerb),
      },
    ];
  };
  const response = parsed.find((n) => 'Response' in n);
  if (!response) throw new Error(`no Response in ${xml}`);
  return toVerb(response)[0]!.children;
}

/** All the text said in a document (Say verbs, nested ones included). */
function said(verbs: Verb[]): string {
  return verbs
    .flatMap((v) => (v.name === 'Say' ? [v.text] : [said(v.children)]))
    .filter(Boolean)
    .join(' ');
}

type Answer = { status: number; contentType: string; xml: string; verbs: Verb[] };

/** Service hours every day, all day (a call always finds the services open), or none. */
function withHours(flow: FlowDefinition, open: boolean): FlowDefinition {
  const allDay = [{ from: '00:00', to: '24:00' }];
  return {
    ...flow,
    services: flow.services.map((s) => ({
      ...s,
      closedOnPublicHolidays: false,
      hours: open ? { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay } : {},
      ...(s.key === 'aspi' ? { transferTo: '+33494000101' } : {}),
    })),
  };
}

describe('hosted provider webhooks, replayed', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let db: Db;
  let world: AccueilWorld;
  let secret: string;
  let recordings: Server;
  let recordingBase: string;
  let recordingRequests: { path: string; authorized: boolean }[] = [];
  let recordingDelayMs = 0;
  let sequence = 0;

  beforeAll(async () => {
    t = await startTestApp({ BASE_URL }, [accueilModule]);
    app = t.app;
    db = t.platform.database.db;
    world = await accueilWorld(db);
    secret = world.line.webhookSecret!;
    const expected = `Basic ${Buffer.from(`${ACCOUNT}:${secret}`).toString('base64')}`;
    recordings = createServer((request, response) => {
      const authorized = request.headers.authorization === expected;
      recordingRequests.push({ path: request.url ?? '', authorized });
      if (!authorized) {
        response.writeHead(401, { 'www-authenticate': 'Basic realm="Recordings"' }).end();
        return;
      }
      setTimeout(
        () => response.writeHead(200, { 'content-type': 'audio/x-wav' }).end(RECORDING),
        recordingDelayMs,
      );
    });
    await new Promise<void>((resolve) => recordings.listen(0, '127.0.0.1', resolve));
    recordingBase = `http://127.0.0.1:${(recordings.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => recordings.close(() => resolve()));
    await t.close();
  });

  const useFlow = (flow: FlowDefinition) => db.update(lines).set({ flow }).where(eq(lines.id, world.line.id));

  /** A POST as the provider sends it: form-encoded, signed over BASE_URL + path + every parameter. */
  async function post(
    address: string,
    params: Record<string, string>,
    options: { secret?: string; signature?: string } = {},
  ): Promise<Answer> {
    const url = address.startsWith('http') ? address : `${BASE_URL}${address}`;
    const signature = options.signature ?? twilioSignature(options.secret ?? secret, url, params);
    const response = await app.inject({
      method: 'POST',
      url: url.slice(BASE_URL.length),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
        // Behind a proxy the Host is the app's own: the signature is over BASE_URL, not this.
        host: '10.0.0.7:3000',
      },
      payload: new URLSearchParams(params).toString(),
    });
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type']),
      xml: response.body,
      verbs: response.statusCode === 200 ? verbsOf(response.body) : [],
    };
  }

  /** One call as the provider walks it: each step follows an address of the last document. */
  function providerCall(from: string | null = CALLER, to = TEST_LINE_NUMBER) {
    sequence += 1;
    const sid = `CA${String(sequence).padStart(32, '0')}`;
    const common = {
      AccountSid: ACCOUNT,
      ApiVersion: '2010-04-01',
      CallSid: sid,
      Called: to,
      Caller: from ?? '+266696687',
      Direction: 'inbound',
      From: from ?? '+266696687',
      To: to,
    };
    let last: Answer | undefined;
    const find = (name: string): Verb => {
      const verb = last?.verbs.find((v) => v.name === name);
      if (!verb) throw new Error(`no ${name} in ${last?.xml}`);
      return verb;
    };
    const redirectAfter = (name: string): string => {
      const verbs = last?.verbs ?? [];
      const at = verbs.findIndex((v) => v.name === name);
      const next = verbs[at + 1];
      if (at < 0 || next?.name !== 'Redirect') throw new Error(`no Redirect after ${name} in ${last?.xml}`);
      return next.text;
    };
    const step = async (address: string, params: Record<string, string>) => {
      last = await post(address, { ...common, CallStatus: 'in-progress', ...params });
      return last;
    };
    return {
      sid,
      get last() {
        return last!;
      },
      start: async () => {
        last = await post('/accueil/webhook/voix', { ...common, CallStatus: 'ringing' });
        return last;
      },
      press: (digits: string) => step(find('Gather').attributes.action!, { Digits: digits }),
      silence: () => step(redirectAfter('Gather'), {}),
      dialResult: (status: string) =>
        step(find('Dial').attributes.action!, {
          DialCallStatus: status,
          DialCallSid: `${sid}D`,
          ...(status === 'completed' ? { DialCallDuration: '42' } : {}),
        }),
      recordAddress: () => find('Record').attributes.action!,
      recorded: (seconds: number, path = `/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE${sid.slice(2)}`) =>
        step(find('Record').attributes.action!, {
          RecordingUrl: `${recordingBase}${path}`,
          RecordingDuration: String(seconds),
          RecordingSid: `RE${sid.slice(2)}`,
          Digits: 'hangup',
        }),
      status: (status: string, address = '/accueil/webhook/voix/statut') =>
        post(address, { ...common, CallStatus: status, CallDuration: '30' }),
      row: async () => {
        const [row] = await db.select().from(calls).where(eq(calls.externalId, sid));
        return row!;
      },
    };
  }

  it('1. chooses 1 while the service is open: transferred, the secretariat answers', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    const call = providerCall();
    const first = await call.start();
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/xml/);
    expect(first.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
    expect(first.verbs.map((v) => v.name)).toEqual(['Say', 'Gather', 'Redirect']);
    expect(first.verbs[0]!.attributes).toEqual({ language: 'fr-FR', voice: 'Polly.Lea' });
    expect(said(first.verbs)).toContain('Unité territoriale de solidarité de La Seyne-sur-Mer');
    const gather = first.verbs[1]!;
    expect(gather.attributes).toMatchObject({ input: 'dtmf', numDigits: '1', timeout: '6', method: 'POST' });
    expect(said(gather.children)).toContain('Pour l’action sociale et l’insertion, tapez 1');
    const { id: callId } = await call.row();
    expect(gather.attributes.action).toBe(
      `${BASE_URL}/accueil/webhook/voix/${callId}/evenement?n=0&k=gather`,
    );
    expect(first.verbs[2]!.text).toBe(
      `${BASE_URL}/accueil/webhook/voix/${callId}/evenement?n=0&k=gather-timeout`,
    );

    const transfer = await call.press('1');
    expect(transfer.verbs.map((v) => v.name)).toEqual(['Say', 'Dial']);
    expect(said(transfer.verbs)).toBe('Nous vous mettons en relation. Merci de patienter.');
    expect(transfer.verbs[1]!.attributes).toMatchObject({ timeout: '25', answerOnBridge: 'true' });
    expect(transfer.verbs[1]!.children).toEqual([
      { name: 'Number', attributes: {}, text: '+33494000101', children: [] },
    ]);

    const answered = await call.dialResult('completed');
    expect(answered.verbs.map((v) => v.name)).toEqual(['Hangup']);
    await call.status('completed');

    const row = await call.row();
    expect(row).toMatchObject({
      channel: 'webhook',
      callerNumber: CALLER,
      outcome: 'transfere_repondu',
      serviceKey: 'aspi',
    });
    expect(row.menuPath).toEqual(['principal', '1', 'aspi']);
    expect(row.endedAt).not.toBeNull();
  });

  it('1b. a transfer nobody answers leads to the overflow menu; a SIP target is dialled as Sip', async () => {
    const flow = withHours(utsLaSeyneFlow(), true);
    flow.services = flow.services.map((s) =>
      s.key === 'ase' ? { ...s, transferTo: 'sip:ase@10.0.0.5' } : s,
    );
    await useFlow(flow);
    const call = providerCall();
    await call.start();
    const transfer = await call.press('2');
    expect(transfer.verbs[1]!.children[0]).toMatchObject({ name: 'Sip', text: 'sip:ase@10.0.0.5' });
    const overflow = await call.dialResult('no-answer');
    expect(said(overflow.verbs)).toContain('Personne n’est disponible');
    expect(said(overflow.verbs)).toContain('Pour être rappelé par un agent, tapez 1');
    expect((await call.row()).outcome).toBeNull();
    await call.status('completed');
    expect((await call.row()).outcome).toBe('raccroche_ticket');
  });

  it('2. the service is closed: voicemail, recorded by the provider, stored with its audio', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), false));
    recordingRequests = [];
    const call = providerCall();
    await call.start();
    const closed = await call.press('1');
    expect(said(closed.verbs)).toContain('Le secrétariat de l’action sociale et de l’insertion est ouvert');
    expect(said(closed.verbs)).toContain('Pour laisser un message, tapez 2');
    const beep = await call.press('2');
    expect(beep.verbs.map((v) => v.name)).toEqual(['Say', 'Record', 'Redirect']);
    expect(said(beep.verbs)).toBe('Laissez votre message après le bip, puis raccrochez.');
    expect(beep.verbs[1]!.attributes).toMatchObject({ maxLength: '120', playBeep: 'true', finishOnKey: '#' });

    const done = await call.recorded(14);
    expect(said(done.verbs)).toBe('Votre message est enregistré. Un agent vous rappellera. Au revoir.');
    expect(done.verbs.at(-1)!.name).toBe('Hangup');
    await call.status('completed');

    const row = await call.row();
    expect(row.outcome).toBe('message_vocal');
    expect(row.endedAt).not.toBeNull();
    const [message] = await db.select().from(voicemails).where(eq(voicemails.callId, row.id));
    expect(message).toMatchObject({ durationMs: 14_000, callerNumber: CALLER, serviceKey: 'aspi' });
    expect(Buffer.from(message!.audio!)).toEqual(RECORDING);
    // Asked as .wav, first without credentials, then with the account's after the challenge.
    expect(recordingRequests).toEqual([
      { path: `/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE${call.sid.slice(2)}.wav`, authorized: false },
      { path: `/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE${call.sid.slice(2)}.wav`, authorized: true },
    ]);
  });

  it('2b. a recording that cannot be fetched still leaves a message row, with empty audio', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), false));
    const call = providerCall();
    await call.start();
    await call.press('1');
    await call.press('2');
    const record = call.recordAddress();
    const done = await post(record, {
      AccountSid: ACCOUNT,
      CallSid: call.sid,
      From: CALLER,
      To: TEST_LINE_NUMBER,
      CallStatus: 'completed',
      RecordingUrl: 'http://127.0.0.1:9/nulle-part',
      RecordingDuration: '8',
    });
    expect(done.verbs.at(-1)!.name).toBe('Hangup');
    const row = await call.row();
    expect(row.outcome).toBe('message_vocal');
    const [message] = await db.select().from(voicemails).where(eq(voicemails.callId, row.id));
    expect(message!.durationMs).toBe(8000);
    expect(Buffer.from(message!.audio!).length).toBe(58); // a WAV header, no samples
  }, 20_000);

  it('2c. nothing recorded: the Record falls through to the overflow menu again', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), false));
    const call = providerCall();
    await call.start();
    await call.press('1');
    await call.press('2');
    const [, , redirect] = call.last.verbs;
    const again = await post(redirect!.text, {
      AccountSid: ACCOUNT,
      CallSid: call.sid,
      To: TEST_LINE_NUMBER,
    });
    expect(said(again.verbs)).toContain('Nous n’avons pas entendu votre choix.');
    expect(again.verbs.map((v) => v.name)).toEqual(['Gather', 'Redirect']);
  });

  it('3. asks to be called back on the number presented, confirmed with 1: a ticket', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), false));
    const call = providerCall();
    await call.start();
    await call.press('1');
    const confirm = await call.press('1');
    expect(said(confirm.verbs)).toBe(
      'Nous vous rappellerons au 0 6 1 2 3 4 5 6 7 8 Pour confirmer, tapez 1. Pour donner un autre numéro, tapez 2.',
    );
    const done = await call.press('1');
    expect(said(done.verbs)).toBe('C’est noté : un agent vous rappellera. Au revoir.');
    expect(done.verbs.at(-1)!.name).toBe('Hangup');
    await call.status('completed');

    const row = await call.row();
    expect(row.outcome).toBe('rappel_demande');
    const [ticket] = await db.select().from(tickets).where(eq(tickets.callId, row.id));
    expect(ticket).toMatchObject({
      reason: 'rappel_demande',
      callerNumber: CALLER,
      serviceKey: 'aspi',
      status: 'a_rappeler',
      organisationId: world.uts.id,
    });
  });

  it('3b. a withheld number is typed on the keypad (ended by #), then confirmed', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), false));
    const call = providerCall(null);
    await call.start();
    await call.press('1');
    const capture = await call.press('1');
    const gather = capture.verbs.find((v) => v.name === 'Gather')!;
    expect(gather.attributes).toMatchObject({ numDigits: '10', finishOnKey: '#' });
    const confirm = await call.press('0698765432');
    expect(said(confirm.verbs)).toContain('Vous avez tapé 0 6 9 8 7 6 5 4 3 2');
    await call.press('1');
    const row = await call.row();
    expect(row.callerNumber).toBeNull();
    expect(row.outcome).toBe('rappel_demande');
    const [ticket] = await db.select().from(tickets).where(eq(tickets.callId, row.id));
    expect(ticket!.callerNumber).toBe('+33698765432');
  });

  it('4. hangs up before choosing anything: a callback ticket', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    const call = providerCall();
    await call.start();
    const status = await call.status('completed');
    expect(status.status).toBe(200);
    const row = await call.row();
    expect(row.outcome).toBe('raccroche_ticket');
    expect(row.endedAt).not.toBeNull();
    const [ticket] = await db.select().from(tickets).where(eq(tickets.callId, row.id));
    expect(ticket).toMatchObject({ reason: 'raccroche', callerNumber: CALLER });
  });

  it('4b. the status callback may name the call in its address too', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    const call = providerCall();
    await call.start();
    await call.status('ringing', `/accueil/webhook/voix/${(await call.row()).id}/statut`);
    expect((await call.row()).endedAt).toBeNull();
    await call.status('no-answer', `/accueil/webhook/voix/${(await call.row()).id}/statut`);
    expect((await call.row()).outcome).toBe('raccroche_ticket');
  });

  it('refuses a bad signature, another line’s secret, and a line without a secret (403)', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    const params = { AccountSid: ACCOUNT, CallSid: 'CAforged', From: CALLER, To: TEST_LINE_NUMBER };
    expect(
      (await post('/accueil/webhook/voix', params, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' })).status,
    ).toBe(403);
    expect((await post('/accueil/webhook/voix', params, { signature: '' })).status).toBe(403);
    expect((await post('/accueil/webhook/voix', params, { secret: 'un-autre-secret' })).status).toBe(403);
    // Signed over the Host header's address instead of BASE_URL: refused.
    const overHost = twilioSignature(secret, 'http://10.0.0.7:3000/accueil/webhook/voix', params);
    expect((await post('/accueil/webhook/voix', params, { signature: overHost })).status).toBe(403);
    expect(await db.select().from(calls).where(eq(calls.externalId, 'CAforged'))).toEqual([]);

    // A call's events: a changed parameter, or a CallSid that is not this call's.
    const call = providerCall();
    const first = await call.start();
    const action = first.verbs[1]!.attributes.action!;
    const base = { AccountSid: ACCOUNT, CallSid: call.sid, From: CALLER, To: TEST_LINE_NUMBER, Digits: '1' };
    const signature = twilioSignature(secret, `${action}`, base);
    expect((await post(action, { ...base, Digits: '2' }, { signature })).status).toBe(403);
    expect((await post(action, { ...base, CallSid: 'CAother' })).status).toBe(403);
    expect((await call.row()).menuPath).toEqual(['principal']);

    await db.update(lines).set({ webhookSecret: null }).where(eq(lines.id, world.line.id));
    try {
      expect((await post('/accueil/webhook/voix', params)).status).toBe(403);
      expect((await post(action, base)).status).toBe(403);
    } finally {
      await db.update(lines).set({ webhookSecret: secret }).where(eq(lines.id, world.line.id));
    }
  });

  it('says something polite and hangs up for an unknown line or an unknown call', async () => {
    const unknownLine = await post('/accueil/webhook/voix', {
      AccountSid: ACCOUNT,
      CallSid: 'CAnowhere',
      From: CALLER,
      To: '+33499999999',
    });
    expect(unknownLine.status).toBe(200);
    expect(unknownLine.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(said(unknownLine.verbs)).toContain('Ce numéro n’est relié à aucun service');

    for (const callId of ['00000000-0000-4000-8000-000000000000', 'pas-un-identifiant']) {
      const unknownCall = await post(`/accueil/webhook/voix/${callId}/evenement?n=0&k=gather`, {
        CallSid: 'CAnowhere',
        Digits: '1',
      });
      expect(unknownCall.status).toBe(200);
      expect(unknownCall.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    }
    const status = await post('/accueil/webhook/voix/statut', {
      CallSid: 'CAnowhere',
      To: '+33499999999',
      CallStatus: 'completed',
    });
    expect(status.status).toBe(200);
  });

  it('plays a recorded prompt from its signed public address', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    await db
      .update(prompts)
      .set({
        source: 'enregistrement',
        ulaw: Buffer.alloc(800, 0xff),
        alaw: Buffer.alloc(800, 0xd5),
        durationMs: 100,
      })
      .where(eq(prompts.key, 'accueil'));
    try {
      const call = providerCall();
      const first = await call.start();
      expect(first.verbs[0]!.name).toBe('Play');
      expect(first.verbs[0]!.text).toMatch(
        new RegExp(`^${BASE_URL}/accueil/annonces/${world.line.id}/accueil\\.wav\\?v=e[0-9a-z]+&s=[\\w-]+$`),
      );
    } finally {
      await db
        .update(prompts)
        .set({ source: 'synthese', ulaw: null, alaw: null, durationMs: null })
        .where(eq(prompts.key, 'accueil'));
    }
  });

  it('a retried request does not advance the call twice', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    const call = providerCall();
    const first = await call.start();
    // The provider timed out on the incoming call and sends it again: the same call, the same answer.
    const again = await post('/accueil/webhook/voix', {
      AccountSid: ACCOUNT,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      Called: TEST_LINE_NUMBER,
      Caller: CALLER,
      Direction: 'inbound',
      From: CALLER,
      To: TEST_LINE_NUMBER,
      CallStatus: 'ringing',
    });
    expect(again.xml).toBe(first.xml);
    expect(await db.select().from(calls).where(eq(calls.externalId, call.sid))).toHaveLength(1);

    // A wrong key, sent twice (a retry) and twice at once: one « choix invalide », one repeat counted.
    const action = first.verbs[1]!.attributes.action!;
    const params = {
      AccountSid: ACCOUNT,
      CallSid: call.sid,
      From: CALLER,
      To: TEST_LINE_NUMBER,
      Digits: '9',
    };
    const [a, b] = await Promise.all([post(action, params), post(action, params)]);
    const c = await post(action, params);
    expect(b.xml).toBe(a.xml);
    expect(c.xml).toBe(a.xml);
    expect(said(a.verbs)).toContain('Ce choix n’existe pas.');
    const row = await call.row();
    expect(row.steps.filter((s) => s.kind === 'choix-invalide')).toHaveLength(1);
    expect(row.state?.seq).toBe(1);
    expect(row.state?.engine.repeats).toBe(1);
    // The new document's addresses carry the new step number.
    expect(a.verbs.find((v) => v.name === 'Gather')!.attributes.action).toContain('?n=1&k=gather');

    // After the call is over, an old address gets a hangup and changes nothing.
    const transfer = await post(a.verbs.find((v) => v.name === 'Gather')!.attributes.action!, {
      ...params,
      Digits: '1',
    });
    const dial = transfer.verbs.find((v) => v.name === 'Dial')!.attributes.action!;
    expect(dial).toContain('?n=2&k=dial');
    await post(dial, { ...params, DialCallStatus: 'completed' });
    const late = await post(action, { ...params, Digits: '3' });
    expect(late.verbs.map((v) => v.name)).toEqual(['Hangup']);
    expect((await call.row()).outcome).toBe('transfere_repondu');
  });

  it('a hangup reported while the message is being fetched waits for it', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), false));
    const call = providerCall();
    await call.start();
    await call.press('1');
    await call.press('2');
    recordingDelayMs = 600;
    try {
      // The provider sends the Record action and the status callback at the same moment.
      const [done, status] = await Promise.all([call.recorded(5), call.status('completed')]);
      expect(done.verbs.at(-1)!.name).toBe('Hangup');
      expect(status.status).toBe(200);
    } finally {
      recordingDelayMs = 0;
    }
    const row = await call.row();
    expect(row.outcome).toBe('message_vocal');
    expect(row.endedAt).not.toBeNull();
    expect(await db.select().from(voicemails).where(eq(voicemails.callId, row.id))).toHaveLength(1);
  });

  it('silence in the menu: asked again, then the engine ends the call itself', async () => {
    await useFlow(withHours(utsLaSeyneFlow(), true));
    const call = providerCall();
    await call.start();
    const again = await call.silence();
    expect(said(again.verbs)).toContain('Nous n’avons pas entendu votre choix.');
    await call.silence();
    const end = await call.silence();
    expect(end.verbs.at(-1)!.name).toBe('Hangup');
    expect((await call.row()).outcome).toBe('raccroche_ticket');
  });
});
