import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../platform/testing/eventually.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { accueilModule } from '../index.ts';
import { readWav } from '../media/wav.ts';
import { calls, tickets, voicemails } from '../tables.ts';
import { accueilWorld } from '../testing.ts';
import { startVoiceServer, type VoiceServer } from './server.ts';
import { hasSipp, insertSippLine, runSipp } from './testing.ts';

/**
 * Real calls on loopback: SIPp (Debian sip-tester) calls the voice server over UDP with G.711 and
 * RFC 4733 key presses (its recorded DTMF and speech captures), following the scenarios committed in
 * ../tests/sipp; each test then reads the call's recorded outcome from the database.
 */
const OPEN = '+33494000010';
const CLOSED = '+33494000020';
const BRIDGED = '+33494000030';
const SIP_PORT = 25060 + (process.pid % 500);
let ctx: TestContext;
let dataDir: string;
let server: VoiceServer;
let bridging: VoiceServer;
const SECRETARIAT_PORT = SIP_PORT + 700;
let sippPort = 26000 + (process.pid % 500) * 2;

describe.skipIf(!hasSipp)('voice server with SIPp', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tremplin-sipp-'));
    ctx = await startTestApp({ DATA_DIR: dataDir }, [accueilModule]);
    const { db } = ctx.platform.database;
    const world = await accueilWorld(db);
    await insertSippLine(db, world.uts.id, OPEN, true);
    await insertSippLine(db, world.uts.id, CLOSED, false);
    await insertSippLine(db, world.uts.id, BRIDGED, true, `sip:aspi@127.0.0.3:${SECRETARIAT_PORT}`);
    const rtpBase = 30000 + (process.pid % 50) * 200;
    server = await startVoiceServer(ctx.platform, {
      host: '127.0.0.1',
      port: SIP_PORT,
      publicAddress: '127.0.0.1',
      rtpPorts: { min: rtpBase, max: rtpBase + 99 },
      transfer: 'refer',
      log: { debug() {}, info() {}, warn: console.warn, error: console.error },
    });
    bridging = await startVoiceServer(ctx.platform, {
      host: '127.0.0.1',
      port: SIP_PORT + 1,
      publicAddress: '127.0.0.1',
      rtpPorts: { min: rtpBase + 100, max: rtpBase + 199 },
      transfer: 'bridge',
      log: { debug() {}, info() {}, warn: console.warn, error: console.error },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await bridging?.stop();
    await ctx?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function place(scenario: string, dialled: string, caller = '0612345678', port = SIP_PORT) {
    sippPort += 2;
    const run = await runSipp({
      scenario,
      server: `127.0.0.1:${port}`,
      dialled,
      caller,
      localPort: sippPort,
      mediaPort: 40000 + (sippPort % 1000) * 4,
    });
    expect(run.code, `${run.stdout.slice(-2000)}\n${run.stderr}`).toBe(0);
    return eventually(
      async () => {
        const [call] = await ctx.platform.database.db
          .select()
          .from(calls)
          .where(eq(calls.callerNumber, caller.replace(/^0/, '+33')))
          .orderBy(calls.startedAt);
        return call?.endedAt ? call : undefined;
      },
      { what: `the end of the ${scenario} call` },
    );
  }

  it('transfers a caller who presses 1 while the service is open (SIP REFER)', async () => {
    const call = await place('transfer-refer.xml', OPEN, '0611111111');
    expect(call).toMatchObject({
      outcome: 'transfere_repondu',
      serviceKey: 'aspi',
      menuPath: ['principal', '1', 'aspi'],
    });
  }, 60_000);

  it('records a voicemail when the service is closed', async () => {
    const call = await place('voicemail-closed.xml', CLOSED, '0622222222');
    expect(call.outcome).toBe('message_vocal');
    const [message] = await ctx.platform.database.db
      .select()
      .from(voicemails)
      .where(eq(voicemails.callId, call.id));
    expect(message!.durationMs).toBeGreaterThan(5000);
    const wav = readWav(message!.audio!);
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 1 });
  }, 60_000);

  it('opens a callback ticket for the number the network gave, confirmed by a key press', async () => {
    const call = await place('callback.xml', CLOSED, '0633333333');
    expect(call.outcome).toBe('rappel_demande');
    const [ticket] = await ctx.platform.database.db.select().from(tickets).where(eq(tickets.callId, call.id));
    expect(ticket).toMatchObject({
      reason: 'rappel_demande',
      callerNumber: '+33633333333',
      serviceKey: 'aspi',
    });
  }, 60_000);

  it('still opens a ticket for a caller who hangs up before choosing', async () => {
    const call = await place('hangup-early.xml', OPEN, '0644444444');
    expect(call.outcome).toBe('raccroche_ticket');
    const [ticket] = await ctx.platform.database.db.select().from(tickets).where(eq(tickets.callId, call.id));
    expect(ticket).toMatchObject({ reason: 'raccroche', callerNumber: '+33644444444' });
  }, 60_000);

  it('bridges the caller to the secretariat when transfers are made by bridging', async () => {
    const secretariat = runSipp({
      scenario: 'uas',
      server: '',
      dialled: '',
      caller: '',
      answer: true,
      localPort: SECRETARIAT_PORT,
      mediaPort: 41000 + (process.pid % 500) * 4,
    });
    const call = await place('transfer-bridge.xml', BRIDGED, '0655555555', SIP_PORT + 1);
    expect(call).toMatchObject({ outcome: 'transfere_repondu', serviceKey: 'aspi' });
    const answered = await secretariat;
    expect(answered.code, answered.stdout.slice(-1500)).toBe(0);
  }, 60_000);
});
