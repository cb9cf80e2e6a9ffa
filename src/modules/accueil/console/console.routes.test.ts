import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCitizen } from '../../../platform/scheduling/testing.ts';
import { auditTrail, get } from '../../../platform/tenancy/testing.ts';
import { mergeCookies, submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { accueilModule } from '../index.ts';
import { ticketEvents, tickets, voicemails } from '../tables.ts';
import { type AccueilWorld, accueilWorld } from '../testing.ts';
import { liveScriptPath } from './assets.ts';
import { newCall, newTicket, newVoicemail, testWav } from './testing.ts';

const HOUR = 3_600_000;

/** The ids of the ticket rows of a console page, in the order shown. */
const ticketIdsOf = (html: string) => [...html.matchAll(/data-ticket-id="([^"]+)"/g)].map((m) => m[1]!);
/** The HTML of one ticket row. */
const rowOf = (html: string, id: string) => html.split(`data-ticket-id="${id}"`)[1]!.split('</tr>')[0]!;

describe('the agent console', () => {
  let t: TestContext;
  let w: AccueilWorld;
  const db = () => t.platform.database.db;
  const console_ = (cookie: string, query = '') => get(t, `/accueil/lignes/${w.line.id}${query}`, cookie);
  const ticketUrl = (id: string) => `/accueil/lignes/${w.line.id}/rappels/${id}`;
  const ticketRow = async (id: string) => (await db().select().from(tickets).where(eq(tickets.id, id)))[0]!;
  const eventsOf = (id: string) => db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));

  /** Posts a form of the ticket's page as `cookie`; returns the response and the page it redirects to. */
  const post = async (
    cookie: string,
    ticketId: string,
    action: string,
    fields: Record<string, string> = {},
  ) => {
    const { response, cookie: kept } = await submitForm(t.app, {
      page: ticketUrl(ticketId),
      action: `${ticketUrl(ticketId)}/${action}`,
      fields,
      cookie,
    });
    const next =
      response.statusCode === 303
        ? await get(t, response.headers.location as string, mergeCookies(kept, undefined))
        : null;
    return { response, next };
  };

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    w = await accueilWorld(db());
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('/accueil', () => {
    it('lists the agent’s lines with what waits on each', async () => {
      const now = Date.now();
      await newTicket(db(), w.line, { dueAt: new Date(now - HOUR), callerNumber: '+33600000001' });
      await newTicket(db(), w.line, { dueAt: new Date(now + HOUR), callerNumber: '+33600000002' });
      await newVoicemail(db(), w.line, { callerNumber: '+33600000003' });
      await newCall(db(), w.line, { callerNumber: '+33600000004', outcome: null, outcomeAt: null });

      const response = await get(t, '/accueil', w.agent.cookie);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('Accueil UTS La Seyne');
      expect(html).toContain('04 94 00 00 00');
      expect(html).toMatch(/2 rappels à faire<strong>, dont 1 en retard<\/strong>/);
      expect(html).toContain('1 message vocal non traité');
      expect(html).toMatch(/\d+ appels aujourd’hui<strong>, dont 1 perdu<\/strong>/);
      expect(html).toContain(`href="/accueil/lignes/${w.line.id}"`);
      expect(html).toContain(`href="/accueil/lignes/${w.line.id}/statistiques"`);
      expect(html).not.toContain('/configuration"');
      expect(html).not.toContain('/annonces"');
    });

    it('shows configuration and announcements to admins, and no console to read-only members', async () => {
      const admin = (await get(t, '/accueil', w.admin.cookie)).body;
      expect(admin).toContain(`href="/accueil/lignes/${w.line.id}/configuration"`);
      expect(admin).toContain(`href="/accueil/lignes/${w.line.id}/annonces"`);
      const readonly = (await get(t, '/accueil', w.readonly.cookie)).body;
      expect(readonly).toContain(`href="/accueil/lignes/${w.line.id}/statistiques"`);
      expect(readonly).not.toContain(`href="/accueil/lignes/${w.line.id}"`);
    });

    it('says so when no line is configured for the agent’s organisations', async () => {
      const response = await get(t, '/accueil', w.outsider.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(
        'Aucune ligne d’accueil téléphonique n’est configurée pour vos organisations.',
      );
      expect(response.body).not.toContain('Accueil UTS La Seyne');
    });

    it('asks to sign in', async () => {
      const response = await get(t, '/accueil');
      expect([302, 303, 401]).toContain(response.statusCode);
    });
  });

  describe('the tickets', () => {
    let late: string;
    let soon: string;
    let later: string;
    let mine: string;
    let done: string;
    let unreachable: string;

    beforeAll(async () => {
      await db().delete(ticketEvents);
      await db().delete(tickets);
      const now = Date.now();
      late = (
        await newTicket(db(), w.line, { dueAt: new Date(now - 2 * HOUR), callerNumber: '+33611111111' })
      ).id;
      later = (
        await newTicket(db(), w.line, { dueAt: new Date(now + 3 * HOUR), callerNumber: '+33622222222' })
      ).id;
      soon = (
        await newTicket(db(), w.line, {
          dueAt: new Date(now + HOUR),
          callerNumber: '+33633333333',
          reason: 'raccroche',
          serviceKey: 'ase',
        })
      ).id;
      mine = (
        await newTicket(db(), w.line, {
          dueAt: new Date(now + 2 * HOUR),
          callerNumber: '+33644444444',
          status: 'en_cours',
          assignedAgentId: w.agent.id,
          attempts: 1,
        })
      ).id;
      done = (
        await newTicket(db(), w.line, {
          dueAt: new Date(now - 5 * HOUR),
          status: 'fait',
          closedAt: new Date(now - HOUR),
          callerNumber: '+33655555555',
        })
      ).id;
      unreachable = (
        await newTicket(db(), w.line, {
          dueAt: new Date(now - 6 * HOUR),
          status: 'injoignable',
          attempts: 3,
          closedAt: new Date(now - 2 * HOUR),
          callerNumber: '+33666666666',
        })
      ).id;
    });

    it('lists open tickets by due time, late ones flagged in words', async () => {
      const response = await console_(w.agent.cookie);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(ticketIdsOf(html)).toEqual([late, soon, mine, later]);
      expect(rowOf(html, late)).toContain('En retard');
      expect(rowOf(html, soon)).not.toContain('En retard');
      expect(rowOf(html, late)).toContain('06 11 11 11 11');
      expect(rowOf(html, soon)).toContain('<td>ASE</td>');
      expect(rowOf(html, soon)).toContain('A raccroché avant d’être aidé');
      expect(rowOf(html, mine)).toContain('1/3');
      expect(rowOf(html, mine)).toContain('<td>vous</td>');
      expect(rowOf(html, late)).toContain('Je prends');
      expect(html).toContain('À traiter · 4');
      expect(html).toContain('Mes rappels · 1');
      expect(html).toContain('Faits · 1');
      expect(html).toContain('Injoignables · 1');
    });

    it('filters: à rappeler, en cours, mine, done, unreachable', async () => {
      const ids = async (filter: string) =>
        ticketIdsOf((await console_(w.agent.cookie, `?rappels=${filter}`)).body);
      expect(await ids('a_rappeler')).toEqual([late, soon, later]);
      expect(await ids('en_cours')).toEqual([mine]);
      expect(await ids('mes-rappels')).toEqual([mine]);
      expect(await ids('fait')).toEqual([done]);
      expect(await ids('injoignable')).toEqual([unreachable]);
      expect(await ids('nimporte')).toEqual([late, soon, mine, later]);
      expect(ticketIdsOf((await console_(w.admin.cookie, '?rappels=mes-rappels')).body)).toEqual([]);
    });

    it('serves the refresh script, which the page loads, with a live region for new tickets', async () => {
      const html = (await console_(w.agent.cookie)).body;
      expect(html).toContain(`<script type="module" src="${liveScriptPath}"></script>`);
      expect(html).toMatch(/id="rappels-annonce"[^>]*role="status" aria-live="polite"/);
      const script = await t.app.inject({ url: liveScriptPath });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('text/javascript');
      expect(script.body).toContain('rappels-liste');
    });

    it('shows a ticket with a booking link for the caller and audits the history read', async () => {
      const citizen = await newCitizen(db(), {
        organisationId: w.uts.id,
        phone: '+33611111111',
        lastName: 'Martin',
      });
      const response = await get(t, ticketUrl(late), w.agent.cookie);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Rappeler le 06 11 11 11 11');
      expect(response.body).toContain('En retard');
      const link = `/rendez-vous/prendre?organisation=${w.uts.slug}&amp;q=%2B33611111111`;
      expect(response.body).toContain(`href="${link}"`);
      expect(response.body).toContain(`href="/accueil/lignes/${w.line.id}/appelants/+33611111111"`);
      const audit = await auditTrail(db(), { resourceType: 'accueil_appelant', actorId: w.agent.id });
      expect(audit.at(-1)).toMatchObject({
        action: 'read',
        resourceId: '+33611111111',
        organisationId: w.uts.id,
      });
      expect(audit.at(-1)!.details).toMatchObject({ ticketId: late });
      // One click: the booking page of the UTS finds the person recorded with that number.
      const booking = await get(t, link.replace('&amp;', '&'), w.agent.cookie);
      expect(booking.statusCode).toBe(200);
      expect(booking.body).toContain(citizen.lastName);
    });

    it('« je prends »: the ticket is the agent’s and in progress; a second agent is told who has it', async () => {
      const first = await post(w.agent.cookie, late, 'prendre');
      expect(first.response.statusCode).toBe(303);
      expect(first.next!.body).toContain('Ce rappel est à vous');
      expect(await ticketRow(late)).toMatchObject({ status: 'en_cours', assignedAgentId: w.agent.id });

      const second = await post(w.admin.cookie, late, 'prendre');
      expect(second.response.statusCode).toBe(303);
      expect(second.next!.body).toContain('Karim');
      expect(second.next!.body).toContain('a déjà pris ce rappel');
      expect(await ticketRow(late)).toMatchObject({ status: 'en_cours', assignedAgentId: w.agent.id });
      const events = await eventsOf(late);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'assignation', agentId: w.agent.id, note: 'Pris en charge' });
    });

    it('two agents taking the same ticket at once: one gets it, the other a message, one event', async () => {
      const ticket = await newTicket(db(), w.line, { callerNumber: '+33677777777' });
      const [a, b] = await Promise.all([
        post(w.agent.cookie, ticket.id, 'prendre'),
        post(w.admin.cookie, ticket.id, 'prendre'),
      ]);
      const messages = [a.next!.body, b.next!.body];
      expect(messages.filter((m) => m.includes('Ce rappel est à vous'))).toHaveLength(1);
      expect(messages.filter((m) => m.includes('a déjà pris ce rappel'))).toHaveLength(1);
      const row = await ticketRow(ticket.id);
      expect([w.agent.id, w.admin.id]).toContain(row.assignedAgentId);
      expect(await eventsOf(ticket.id)).toHaveLength(1);
    });

    it('hands a ticket to another agent of the organisation, not to a read-only member', async () => {
      const handed = await post(w.agent.cookie, soon, 'attribuer', { agent: w.admin.id });
      expect(handed.next!.body).toContain('Rappel attribué à Sabine');
      expect(await ticketRow(soon)).toMatchObject({ status: 'en_cours', assignedAgentId: w.admin.id });
      expect((await eventsOf(soon))[0]).toMatchObject({ kind: 'assignation', agentId: w.agent.id });
      expect((await eventsOf(soon))[0]!.note).toMatch(/^Attribué à Sabine /);

      const refused = await post(w.agent.cookie, soon, 'attribuer', { agent: w.readonly.id });
      expect(refused.response.statusCode).toBe(400);
      expect(refused.response.body).toContain('Choisissez un agent de l’organisation dans la liste.');
      const outsider = await post(w.agent.cookie, soon, 'attribuer', { agent: w.outsider.id });
      expect(outsider.response.statusCode).toBe(400);
      expect(await ticketRow(soon)).toMatchObject({ assignedAgentId: w.admin.id });
    });

    it('records attempts: unreachable at the third, then closed to attempts until reopened', async () => {
      const noAnswer = await post(w.agent.cookie, later, 'tentatives', { resultat: 'pas_de_reponse' });
      expect(noAnswer.next!.body).toContain('Tentative enregistrée (pas de réponse) : 1 sur 3.');
      expect(await ticketRow(later)).toMatchObject({
        status: 'en_cours',
        attempts: 1,
        assignedAgentId: w.agent.id,
        closedAt: null,
      });
      await post(w.agent.cookie, later, 'tentatives', { resultat: 'messagerie', note: 'Message laissé.' });
      expect(await ticketRow(later)).toMatchObject({ status: 'en_cours', attempts: 2 });
      const third = await post(w.admin.cookie, later, 'tentatives', { resultat: 'mauvais_numero' });
      expect(third.next!.body).toContain('le rappel passe en « injoignable »');
      const row = await ticketRow(later);
      expect(row).toMatchObject({ status: 'injoignable', attempts: 3 });
      expect(row.closedAt).toBeInstanceOf(Date);
      const events = await eventsOf(later);
      expect(events.map((e) => e.kind).sort()).toEqual(['statut', 'tentative', 'tentative', 'tentative']);
      expect(events.find((e) => e.result === 'messagerie')?.note).toBe('Message laissé.');

      const fourth = await post(w.agent.cookie, later, 'tentatives', { resultat: 'pas_de_reponse' });
      expect(fourth.next!.body).toContain('rouvrez-le');
      expect(await ticketRow(later)).toMatchObject({ attempts: 3 });

      const reopened = await post(w.agent.cookie, later, 'rouvrir');
      expect(reopened.next!.body).toContain('Rappel rouvert');
      expect(await ticketRow(later)).toMatchObject({
        status: 'a_rappeler',
        attempts: 0,
        closedAt: null,
        assignedAgentId: null,
      });
      const reached = await post(w.agent.cookie, later, 'tentatives', { resultat: 'joint' });
      expect(reached.next!.body).toContain('la personne a été jointe, le rappel est fait');
      expect(await ticketRow(later)).toMatchObject({ status: 'fait', attempts: 0 });
      expect(await eventsOf(later)).toHaveLength(6); // 3 attempts, unreachable, reopened, reached
    });

    it('asks for the attempt’s result and the note’s text', async () => {
      const attempt = await post(w.agent.cookie, mine, 'tentatives', {});
      expect(attempt.response.statusCode).toBe(400);
      expect(attempt.response.body).toContain('Choisissez le résultat de l’appel.');
      const note = await post(w.agent.cookie, mine, 'notes', { texte: '  ' });
      expect(note.response.statusCode).toBe(400);
      expect(note.response.body).toContain('Saisissez la note.');
      const added = await post(w.agent.cookie, mine, 'notes', { texte: 'Rappeler après 17 h.' });
      expect(added.next!.body).toContain('Rappeler après 17 h.');
      expect((await eventsOf(mine)).map((e) => e.kind)).toEqual(['note']);
    });
  });

  describe('voicemails', () => {
    it('lists messages not handled first, with a player that loads nothing before play', async () => {
      await db().delete(voicemails);
      const now = Date.now();
      const old = await newVoicemail(db(), w.line, {
        callerNumber: '+33688888888',
        recordedAt: new Date(now - 5 * HOUR),
        durationMs: 42_000,
      });
      const handled = await newVoicemail(db(), w.line, {
        callerNumber: '+33699999999',
        recordedAt: new Date(now - HOUR),
        handledAt: new Date(now - HOUR / 2),
        handledBy: w.admin.id,
      });
      const html = (await console_(w.agent.cookie)).body;
      const order = [...html.matchAll(/data-voicemail-id="([^"]+)"/g)].map((m) => m[1]);
      expect(order).toEqual([old.id, handled.id]);
      expect(html).toContain(
        `<audio controls preload="none" src="/accueil/lignes/${w.line.id}/messages/${old.id}.wav">`,
      );
      expect(html).toContain(`href="/accueil/lignes/${w.line.id}/messages/${old.id}.wav?telecharger=1"`);
      expect(html).toContain('42 s');
      expect(html).toContain('Marquer comme traité');
      expect(html).toMatch(/Traité le [^<]+ par Sabine/);
    });

    it('plays the WAV (audited), downloads it as an attachment, serves ranges', async () => {
      const message = await newVoicemail(db(), w.line, { callerNumber: '+33612121212' });
      const url = `/accueil/lignes/${w.line.id}/messages/${message.id}.wav`;
      const before = (await auditTrail(db(), { resourceType: 'accueil_voicemail', resourceId: message.id }))
        .length;
      const played = await get(t, url, w.agent.cookie);
      expect(played.statusCode).toBe(200);
      expect(played.headers['content-type']).toBe('audio/wav');
      expect(played.headers['content-disposition']).toMatch(
        /^inline; filename="message-vocal-\d{8}-\d{4}\.wav"$/,
      );
      expect(played.rawPayload.equals(testWav())).toBe(true);
      const downloaded = await get(t, `${url}?telecharger=1`, w.agent.cookie);
      expect(downloaded.headers['content-disposition']).toMatch(/^attachment; filename="message-vocal-/);
      const ranged = await t.app.inject({ url, headers: { cookie: w.agent.cookie, range: 'bytes=100-199' } });
      expect(ranged.statusCode).toBe(206);
      expect(ranged.headers['content-range']).toBe(`bytes 100-199/${testWav().length}`);
      expect(ranged.rawPayload.length).toBe(100);
      const audit = await auditTrail(db(), { resourceType: 'accueil_voicemail', resourceId: message.id });
      expect(audit.length - before).toBe(2); // the play and the download; not the seek
      expect(audit.at(-2)).toMatchObject({ action: 'read', actorId: w.agent.id, organisationId: w.uts.id });
      expect(audit.at(-2)!.details).toMatchObject({ mode: 'ecoute' });
      expect(audit.at(-1)!.details).toMatchObject({ mode: 'telechargement' });
    });

    it('says when the retention job erased the audio', async () => {
      const erased = await newVoicemail(db(), w.line, {
        callerNumber: '+33613131313',
        audio: null,
        audioDeletedAt: new Date('2025-03-12T10:00:00Z'),
      });
      const response = await get(t, `/accueil/lignes/${w.line.id}/messages/${erased.id}.wav`, w.agent.cookie);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Message effacé le 12 mars 2025 (durée de conservation).');
      expect((await console_(w.agent.cookie)).body).toContain(
        'Message effacé le 12 mars 2025 (durée de conservation).',
      );
    });

    it('marks a message handled once', async () => {
      const message = await newVoicemail(db(), w.line, { callerNumber: '+33614141414' });
      const mark = () =>
        submitForm(t.app, {
          page: `/accueil/lignes/${w.line.id}`,
          action: `/accueil/lignes/${w.line.id}/messages/${message.id}/traite`,
          fields: {},
          cookie: w.agent.cookie,
        });
      const { response } = await mark();
      expect(response.statusCode).toBe(303);
      const [row] = await db().select().from(voicemails).where(eq(voicemails.id, message.id));
      expect(row!.handledBy).toBe(w.agent.id);
      expect(row!.handledAt).toBeInstanceOf(Date);
      expect((await mark()).response.statusCode).toBe(303);
    });
  });

  describe('a caller’s history', () => {
    it('shows calls, tickets and voicemails of the number on this line, newest first, audited', async () => {
      const number = '+33615151515';
      const now = Date.now();
      await newCall(db(), w.line, {
        callerNumber: number,
        startedAt: new Date(now - 3 * HOUR),
        outcome: null,
        outcomeAt: null,
        menuPath: ['principal'],
      });
      const ticket = await newTicket(db(), w.line, {
        callerNumber: number,
        createdAt: new Date(now - 2 * HOUR),
      });
      await newVoicemail(db(), w.line, { callerNumber: number, recordedAt: new Date(now - HOUR) });
      await newCall(db(), w.line, { callerNumber: '+33616161616' });

      const response = await get(t, `/accueil/lignes/${w.line.id}/appelants/${number}`, w.agent.cookie);
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain('Appelant : 06 15 15 15 15');
      const kinds = [...html.matchAll(/aria-hidden="true"><\/span> (Appel|Rappel|Message vocal) ·/g)].map(
        (m) => m[1],
      );
      // newest first: the message and its call, the ticket and its call, the lost call
      expect(kinds).toEqual(['Message vocal', 'Appel', 'Rappel', 'Appel', 'Appel']);
      expect(html).toContain('Perdu (aucune issue)');
      expect(html).toContain('Appel perdu');
      expect(html).toContain(`href="/accueil/lignes/${w.line.id}/rappels/${ticket.id}"`);
      expect(html).not.toContain('06 16 16 16 16');
      const audit = await auditTrail(db(), { resourceType: 'accueil_appelant', resourceId: number });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'read', actorId: w.agent.id, organisationId: w.uts.id });

      const encoded = await get(t, `/accueil/lignes/${w.line.id}/appelants/%2B33615151515`, w.agent.cookie);
      expect(encoded.statusCode).toBe(200);
    });

    it('is reachable from the voicemails and the calls of the console', async () => {
      const html = (await console_(w.agent.cookie)).body;
      expect(html).toContain(`href="/accueil/lignes/${w.line.id}/appelants/+33615151515"`);
    });

    it('refuses a number not in E.164', async () => {
      for (const number of ['0612345678', '+0612', 'abc', '+33 6 12']) {
        const response = await get(
          t,
          `/accueil/lignes/${w.line.id}/appelants/${encodeURIComponent(number)}`,
          w.agent.cookie,
        );
        expect(response.statusCode, number).toBe(404);
      }
    });
  });

  describe('who may see the console', () => {
    it('answers 404 to read-only members, other organisations and unknown lines alike', async () => {
      const ticket = await newTicket(db(), w.line, { callerNumber: '+33617171717' });
      const message = await newVoicemail(db(), w.line, { callerNumber: '+33617171717' });
      const base = `/accueil/lignes/${w.line.id}`;
      const pages = [
        base,
        `${base}/rappels/${ticket.id}`,
        `${base}/appelants/+33617171717`,
        `${base}/messages/${message.id}.wav`,
      ];
      for (const who of [w.readonly, w.outsider]) {
        for (const page of pages) {
          const response = await get(t, page, who.cookie);
          expect(response.statusCode, `${who.firstName} ${page}`).toBe(404);
          expect(response.body).not.toContain('06 17 17 17 17');
        }
      }
      for (const page of [
        '/accueil/lignes/00000000-0000-4000-8000-000000000000',
        '/accueil/lignes/pas-un-identifiant',
        `${base}/rappels/00000000-0000-4000-8000-000000000000`,
        `${base}/messages/00000000-0000-4000-8000-000000000000.wav`,
      ]) {
        expect((await get(t, page, w.agent.cookie)).statusCode, page).toBe(404);
      }
      // Nothing read was audited for them; the refusals were.
      expect(await auditTrail(db(), { resourceType: 'accueil_voicemail', actorId: w.outsider.id })).toEqual(
        [],
      );
      expect(
        (await auditTrail(db(), { action: 'denied', resourceType: 'accueil_line', actorId: w.outsider.id }))
          .length,
      ).toBeGreaterThan(0);
    });

    it('refuses their actions with 404 and changes nothing', async () => {
      const ticket = await newTicket(db(), w.line, { callerNumber: '+33618181818' });
      // The CSRF token comes from a page they may open: their home.
      for (const who of [w.readonly, w.outsider]) {
        const { response } = await submitForm(t.app, {
          page: '/accueil',
          action: `${ticketUrl(ticket.id)}/prendre`,
          fields: {},
          cookie: who.cookie,
        });
        expect(response.statusCode).toBe(404);
      }
      expect(await ticketRow(ticket.id)).toMatchObject({ status: 'a_rappeler', assignedAgentId: null });
      expect(await eventsOf(ticket.id)).toEqual([]);
    });

    it('lets operators in', async () => {
      const { signedInOperator } = await import('../../../platform/tenancy/testing.ts');
      const operator = await signedInOperator(db());
      expect((await console_(operator.cookie)).statusCode).toBe(200);
    });
  });
});
