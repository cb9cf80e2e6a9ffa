import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { auditTrail, get, signedInOperator } from '../../../platform/tenancy/testing.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { accueilModule } from '../index.ts';
import { lines } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { parsePeriod } from './period.ts';
import { computeLineStats } from './stats.service.ts';
import { recordCalls } from './testing.ts';

/**
 * A line's statistics on a small, hand-counted week of calls (the figures below are worked out from
 * the list), through the service and through the page, the CSV and the permission rule.
 */
const now = new Date('2031-03-20T11:00:00Z'); // Thursday, 12:00 in Paris
const A = '+33639980001';
const B = '+33639980002';
const C = '+33639980003';
const D = '+33639980004';

describe('statistics of a line', () => {
  let t: TestContext;
  let db: Db;
  let w: AccueilWorld;
  let otherLineId: string;

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    t.platform.messaging.clock = () => now;
    db = t.platform.database.db;
    w = await accueilWorld(db);
    await recordCalls(db, w.line, [
      // 1. Monday 08:30 Paris: ASPI answers.
      {
        startedAt: new Date('2031-03-17T07:30:00Z'),
        callerNumber: A,
        serviceKey: 'aspi',
        outcome: 'transfere_repondu',
        steps: ['transfert'],
      },
      // 2. Nobody answers at ASPI: callback asked, done 2 h later (due in 4 h).
      {
        startedAt: new Date('2031-03-17T07:45:00Z'),
        callerNumber: B,
        serviceKey: 'aspi',
        outcome: 'rappel_demande',
        steps: ['transfert', 'sans-reponse'],
        ticket: { status: 'fait', closedAfterHours: 2 },
      },
      // 3. A voicemail for the ASE.
      {
        startedAt: new Date('2031-03-18T08:10:00Z'),
        callerNumber: A,
        serviceKey: 'ase',
        outcome: 'message_vocal',
        voicemail: {},
      },
      // 4. An SMS with the Pôle Accueil's information.
      {
        startedAt: new Date('2031-03-18T12:00:00Z'),
        callerNumber: A,
        serviceKey: 'pole-accueil',
        outcome: 'sms_envoye',
        steps: ['sms'],
      },
      // 5. Wednesday 07:00 Paris, withheld number, hung up during the welcome: lost.
      { startedAt: new Date('2031-03-19T06:00:00Z'), callerNumber: null, outcome: null },
      // 6. Hung up before choosing, number known: a ticket, still to call.
      {
        startedAt: new Date('2031-03-19T09:00:00Z'),
        callerNumber: C,
        outcome: 'raccroche_ticket',
        ticket: { reason: 'raccroche', status: 'a_rappeler' },
      },
      // 7. Going on now.
      { startedAt: new Date('2031-03-20T10:30:00Z'), callerNumber: A, serviceKey: 'aspi', seconds: null },
      // 8. A's fifth call.
      {
        startedAt: new Date('2031-03-20T08:00:00Z'),
        callerNumber: A,
        serviceKey: 'aspi',
        outcome: 'transfere_repondu',
      },
      // 9. Callback asked at the Pôle Accueil, unreachable.
      {
        startedAt: new Date('2031-03-17T13:00:00Z'),
        callerNumber: B,
        serviceKey: 'pole-accueil',
        outcome: 'rappel_demande',
        ticket: { status: 'injoignable', closedAfterHours: 30 },
      },
      // 10. Previous Friday 16:00 Paris: callback done 20 h later, after its due time.
      {
        startedAt: new Date('2031-03-14T15:00:00Z'),
        callerNumber: D,
        serviceKey: 'aspi',
        outcome: 'rappel_demande',
        ticket: { status: 'fait', closedAfterHours: 20 },
      },
      // Outside the last 28 days.
      { startedAt: new Date('2031-02-01T09:00:00Z'), callerNumber: A, outcome: null },
    ]);
    const [other] = await db
      .insert(lines)
      .values({
        organisationId: w.otherUts.id,
        name: 'Accueil UTS Toulon',
        number: '+33494000099',
        flow: utsLaSeyneFlow(),
      })
      .returning();
    otherLineId = other!.id;
    await recordCalls(db, other!, [
      { startedAt: new Date('2031-03-18T08:00:00Z'), callerNumber: A, outcome: null },
      { startedAt: new Date('2031-03-18T08:05:00Z'), callerNumber: A, outcome: null },
    ]);
  });
  afterAll(() => t?.close());

  it('counts the line’s calls, callbacks, voicemails and callers over the last 28 days', async () => {
    const stats = await computeLineStats(db, w.line, parsePeriod({}, now).period);
    expect(stats.period).toEqual({ choice: '28', from: '2031-02-21', to: '2031-03-20', days: 28 });
    expect(stats.overall).toMatchObject({
      calls: 10,
      ended: 9,
      ongoing: 1,
      lost: 1,
      answered: 2,
      transferred: 2,
      sms: 1,
      voicemails: 1,
      outcomes: {
        transfere_repondu: 2,
        rappel_demande: 3,
        message_vocal: 1,
        sms_envoye: 1,
        raccroche_ticket: 1,
        hors_service: 0,
      },
    });
    expect(stats.overall.lostRate).toBeCloseTo(1 / 9);
    expect(stats.overall.callbacks).toMatchObject({
      created: 4,
      afterHangup: 1,
      done: 2,
      unreachable: 1,
      open: 1,
      onTime: 1,
      medianHours: 11,
    });
    expect(stats.overall.callbacks.p90Hours).toBeCloseTo(18.2);
    expect(stats.callers).toMatchObject({
      callers: 4,
      once: 2,
      twice: 1,
      threeOrFour: 0,
      fivePlus: 1,
      callsFromFivePlus: 5,
      knownCalls: 9,
      withheldCalls: 1,
      repeatRate: 0.25,
    });

    const byKey = Object.fromEntries(stats.services.map((s) => [String(s.key), s]));
    expect(Object.keys(byKey)).toEqual(['aspi', 'ase', 'pole-accueil', 'null']);
    expect(byKey.aspi).toMatchObject({
      calls: 5,
      ended: 4,
      ongoing: 1,
      lost: 0,
      answered: 2,
      transferred: 2,
    });
    expect(byKey.aspi!.callbacks).toMatchObject({ created: 2, done: 2, medianHours: 11 });
    expect(byKey.ase).toMatchObject({ calls: 1, voicemails: 1 });
    expect(byKey['pole-accueil']).toMatchObject({ calls: 2, sms: 1 });
    expect(byKey['pole-accueil']!.callbacks).toMatchObject({ created: 1, unreachable: 1 });
    expect(byKey.null).toMatchObject({ calls: 2, lost: 1, lostRate: 0.5 });

    // Monday 08:30 and 08:45 Paris, Monday 14:00, Wednesday 07:00.
    expect(stats.heatmap.cells[0]![8]).toBe(2);
    expect(stats.heatmap.cells[0]![14]).toBe(1);
    expect(stats.heatmap.cells[2]![7]).toBe(1);
    expect(stats.heatmap.lost[2]![7]).toBe(1);
    expect(stats.heatmap.firstHour).toBe(7);
    expect(stats.weeks).toEqual([
      { monday: '2031-03-10', calls: 1, ended: 1, lost: 0, lostRate: 0 },
      { monday: '2031-03-17', calls: 9, ended: 8, lost: 1, lostRate: 1 / 8 },
    ]);
  });

  it('counts a custom period of whole Paris days, and a line without calls as zeros', async () => {
    const wednesday = await computeLineStats(
      db,
      w.line,
      parsePeriod({ periode: 'perso', du: '2031-03-19', au: '2031-03-19' }, now).period,
    );
    expect(wednesday.overall).toMatchObject({ calls: 2, lost: 1 });
    const empty = await computeLineStats(
      db,
      { id: otherLineId, flow: utsLaSeyneFlow() },
      parsePeriod({ periode: 'perso', du: '2031-03-01', au: '2031-03-02' }, now).period,
    );
    expect(empty.overall).toMatchObject({ calls: 0, ended: 0, lost: 0, lostRate: null });
    expect(empty.callers).toMatchObject({ callers: 0, repeatRate: null });
    expect(empty.overall.callbacks).toMatchObject({ created: 0, medianHours: null });
  });

  it('shows the page to every member of the line’s organisation, with the 2019 baseline beside', async () => {
    for (const member of [w.admin, w.agent, w.readonly]) {
      const res = await get(t, `/accueil/lignes/${w.line.id}/statistiques`, member.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Statistiques : Accueil UTS La Seyne</h1>');
    }
    const res = await get(t, `/accueil/lignes/${w.line.id}/statistiques`, w.readonly.cookie);
    const html = res.body;
    expect(html).toContain('Du 21 février 2031 au 20 mars 2031');
    expect(html).toContain('11,1\u00a0%'); // lost: 1 of 9 ended
    expect(html).toContain('70 %');
    expect(html).toContain('59 %');
    expect(html).toContain('42 %');
    expect(html).toContain('11\u00a0h\u00a000'); // median callback delay
    expect(html).toMatch(/<caption>Appels reçus par jour de la semaine et par heure/);
    expect(html).toContain('class="tp-heat tp-heat--4"');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('reads the period from the query, and says when it cannot', async () => {
    const seven = await get(t, `/accueil/lignes/${w.line.id}/statistiques?periode=7`, w.agent.cookie);
    expect(seven.body).toContain('Du 14 mars 2031 au 20 mars 2031');
    const custom = await get(
      t,
      `/accueil/lignes/${w.line.id}/statistiques?periode=perso&du=2031-03-19&au=2031-03-19`,
      w.agent.cookie,
    );
    expect(custom.body).toContain('Du 19 mars 2031 au 19 mars 2031 (1 jour), 2 appels');
    const wrong = await get(
      t,
      `/accueil/lignes/${w.line.id}/statistiques?periode=perso&du=2031-13-01&au=2031-03-19`,
      w.agent.cookie,
    );
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('La période choisie n’a pas pu être lue');
    expect(wrong.body).toContain('id="champ-du-erreur"');
    expect(wrong.body).toContain('Du 21 février 2031 au 20 mars 2031');
  });

  it('is not found for anyone else, and for ids that are no line', async () => {
    const outsider = await get(t, `/accueil/lignes/${w.line.id}/statistiques`, w.outsider.cookie);
    expect(outsider.statusCode).toBe(404);
    const denied = await auditTrail(db, { action: 'denied', resourceId: w.line.id, actorId: w.outsider.id });
    expect(denied).toHaveLength(1);
    expect(
      (await get(t, `/accueil/lignes/${w.line.id}/statistiques.csv`, w.outsider.cookie)).statusCode,
    ).toBe(404);
    expect(
      (await get(t, '/accueil/lignes/00000000-0000-4000-8000-000000000000/statistiques', w.admin.cookie))
        .statusCode,
    ).toBe(404);
    expect((await get(t, '/accueil/lignes/pas-un-id/statistiques', w.admin.cookie)).statusCode).toBe(404);
    const anonymous = await get(t, `/accueil/lignes/${w.line.id}/statistiques`);
    expect(anonymous.statusCode).toBeGreaterThanOrEqual(300);
    expect(anonymous.statusCode).toBeLessThan(400);
    const operator = await signedInOperator(db);
    expect((await get(t, `/accueil/lignes/${otherLineId}/statistiques`, operator.cookie)).statusCode).toBe(
      200,
    );
  });

  it('exports the figures and the weekday × hour grid as CSV', async () => {
    const res = await get(t, `/accueil/lignes/${w.line.id}/statistiques.csv?periode=28`, w.readonly.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('statistiques-accueil-2031-02-21-2031-03-20.csv');
    const rows = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toMatch(/^Service;Du;Au;Appels;Appels terminés;/);
    const overall = rows.find((r) => r.startsWith('Ensemble de la ligne;'))!.split(';');
    const header = rows[0]!.split(';');
    const cell = (name: string) => overall[header.indexOf(name)];
    expect(cell('Appels')).toBe('10');
    expect(cell('Appels perdus')).toBe('1');
    expect(cell('Taux d’appels perdus (%)')).toBe('11,1');
    expect(cell('Délai de rappel médian (heures d’horloge)')).toBe('11');
    expect(rows).toContain('Taux d’appels perdus (%);11,1;70');

    const grid = await get(
      t,
      `/accueil/lignes/${w.line.id}/statistiques.csv?periode=28&tableau=heures`,
      w.readonly.cookie,
    );
    const gridRows = grid.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(gridRows[0]).toBe('Heure (Paris);Lundi;Mardi;Mercredi;Jeudi;Vendredi;Samedi;Dimanche');
    expect(gridRows[9]).toBe('8h;2;0;0;0;0;0;0');
  });
});
