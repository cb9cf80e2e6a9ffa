import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { outboxMessages } from '../../../../platform/messaging/tables.ts';
import { textOf } from '../../../../platform/scheduling/public/testing.ts';
import { get } from '../../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../../platform/testing/harness.ts';
import { accueilModule } from '../../index.ts';
import { calls, lines, tickets } from '../../tables.ts';
import { type AccueilWorld, accueilWorld } from '../../testing.ts';
import { formFields } from '../testing.ts';
import { paths } from '../views/common.tsx';
import { FLOW_CHANGED, TAMPERED } from './routes.tsx';

describe('call simulator (admin)', () => {
  let t: TestContext;
  let db: Db;
  let world: AccueilWorld;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp({}, [accueilModule]);
    db = t.platform.database.db;
    world = await accueilWorld(db);
    url = paths.simulator(world.line.id);
  });
  afterAll(() => t.close());

  const start = (fields: Record<string, string>) =>
    submitForm(t.app, { page: url, cookie: world.admin.cookie, fields: { action: 'demarrer', ...fields } });

  /** Clicks a button of the page's call form (the hidden state as the page carries it). */
  const click = async (page: { body: string }, cookie: string, button: Record<string, string>) => {
    const fields = formFields(page.body, `${url}#touches`);
    expect(fields.etat).toBeTruthy();
    return submitForm(t.app, { page: url, action: url, cookie, fields: { ...fields, ...button } });
  };

  it('offers a start form with a keypad-free page, for admins only', async () => {
    const page = await get(t, url, world.admin.cookie);
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Simulateur d’appel');
    expect(page.body).toContain('name="jour"');
    for (const who of [world.agent, world.readonly, world.outsider]) {
      expect((await get(t, url, who.cookie)).statusCode).toBe(404);
    }
  });

  it('a Tuesday at 10:00, key 1: the call is transferred to ASPI; nobody answers: the overflow offers', async () => {
    const started = await start({ jour: '2025-06-03', heure: '10:00', numero: '06 12 34 56 78' });
    expect(started.response.statusCode).toBe(200);
    const first = textOf(started.response.body);
    expect(first).toContain('Appel simulé le mardi 3 juin 2025 à 10 h');
    expect(first).toContain('Bonjour, vous êtes à l’Unité territoriale de solidarité de La Seyne-sur-Mer');
    expect(first).toContain('Pour l’action sociale et l’insertion, tapez 1.');
    // A real keypad: buttons named « touche 1 » posting digit=1.
    expect(started.response.body).toMatch(/<button[^>]*name="digit"[^>]*value="1"[^>]*aria-label="touche 1"/);
    expect(started.response.body).toContain('aria-label="touche étoile"');

    const pressed = await click(started.response, started.cookie, { digit: '1' });
    expect(pressed.response.statusCode).toBe(200);
    const transfer = textOf(pressed.response.body);
    expect(transfer).toContain('Vous : Vous tapez 1.');
    expect(transfer).toContain('Nous vous mettons en relation.');
    expect(transfer).toContain(
      'L’appel serait transféré au service Action sociale de proximité et insertion (ASPI) (sip:aspi@127.0.0.1:5091)',
    );
    expect(transfer).toContain('L’agent décroche');
    expect(transfer).toContain('Personne ne répond');
    expect(pressed.response.body).not.toContain('name="digit"');

    const unanswered = await click(pressed.response, pressed.cookie, { action: 'personne' });
    const offers = textOf(unanswered.response.body);
    expect(offers).toContain('Personne ne répond (25 s de sonnerie).');
    expect(offers).toContain('Personne n’est disponible pour vous répondre pour le moment.');
    expect(offers).toContain(
      'Pour être rappelé par un agent, tapez un. Pour laisser un message, tapez deux. Pour recevoir par SMS',
    );

    const callback = await click(unanswered.response, unanswered.cookie, { digit: '1' });
    const confirmed = await click(callback.response, callback.cookie, { digit: '1' });
    const end = textOf(confirmed.response.body);
    expect(end).toContain('Un ticket de rappel serait créé pour le 06 12 34 56 78');
    expect(end).toContain('Issue de l’appel : rappel demandé.');
    expect(end).toContain('L’appel est terminé.');
    // The transcript is the whole call, from the start.
    expect(end).toContain('Appel du 06 12 34 56 78.');
    // Nothing was recorded nor sent.
    expect((await db.select({ n: count() }).from(calls))[0]!.n).toBe(0);
    expect((await db.select({ n: count() }).from(tickets))[0]!.n).toBe(0);
    expect((await db.select({ n: count() }).from(outboxMessages))[0]!.n).toBe(0);
  });

  it('at 20:00 the service is closed: its closed prompt, then the overflow offers', async () => {
    const started = await start({ jour: '2025-06-03', heure: '20:00', numero: '', masque: 'on' });
    expect(textOf(started.response.body)).toContain('Appel d’un numéro masqué.');
    const pressed = await click(started.response, started.cookie, { digit: '1' });
    const text = textOf(pressed.response.body);
    expect(text).toContain(
      'Le secrétariat de l’action sociale et de l’insertion est ouvert du lundi au vendredi, de 8 heures 30 à midi',
    );
    expect(text).toContain('est fermé à ce moment');
    expect(text).toContain('Pour être rappelé par un agent, tapez un.');
    expect(text).not.toContain('serait transféré');
  });

  it('on a public holiday (Whit Monday 2025) the service is closed too', async () => {
    const started = await start({ jour: '2025-06-09', heure: '10:00', numero: '06 12 34 56 78' });
    const pressed = await click(started.response, started.cookie, { digit: '2' });
    expect(textOf(pressed.response.body)).toContain(
      'Le secrétariat de l’aide sociale à l’enfance est fermé.',
    );
  });

  it('refuses a start without a moment, and a state altered in the page with 400 and a message', async () => {
    const missing = await start({ jour: '', heure: '25:00', numero: 'abc' });
    expect(missing.response.statusCode).toBe(400);
    expect(textOf(missing.response.body)).toContain('Indiquez le jour de l’appel');

    const started = await start({ jour: '2025-06-03', heure: '10:00', numero: '' });
    const fields = formFields(started.response.body, `${url}#touches`);
    const [payload, signature] = fields.etat!.split('.');
    const call = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    call.state.node = 'transfer';
    call.state.serviceKey = 'aspi';
    const forged = `${Buffer.from(JSON.stringify(call)).toString('base64url')}.${signature}`;
    const tampered = await submitForm(t.app, {
      page: url,
      cookie: started.cookie,
      fields: { ...fields, etat: forged, action: 'decroche' },
    });
    expect(tampered.response.statusCode).toBe(400);
    expect(textOf(tampered.response.body)).toContain(TAMPERED);
  });

  it('waits through a silence, and ends a simulation whose configuration changed meanwhile', async () => {
    const started = await start({ jour: '2025-06-03', heure: '10:00', numero: '' });
    const silent = await click(started.response, started.cookie, { action: 'rien' });
    const text = textOf(silent.response.body);
    expect(text).toContain('Vous ne tapez rien (6 s).');
    expect(text).toContain(
      'Nous n’avons pas entendu votre choix. Pour l’action sociale et l’insertion, tapez 1.',
    );
    await db.update(lines).set({ updatedAt: new Date() }).where(eq(lines.id, world.line.id));
    const after = await click(silent.response, silent.cookie, { action: 'raccrocher' });
    expect(after.response.statusCode).toBe(409);
    expect(textOf(after.response.body)).toContain(FLOW_CHANGED);
  });
});
