import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { auditTrail, fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { interviews } from '../tables.ts';
import { AUDIT_RESOURCE } from './interviews.service.ts';
import { journalPath } from './paths.ts';
import { type JournalWorld, journalModule, journalWorld } from './testing.ts';

describe('interviews', () => {
  let t: TestContext;
  let db: Db;
  let w: JournalWorld;
  const path = (rest = '') => journalPath(w.project.slug, rest);
  const base = {
    role: 'Usagère venue au guichet',
    date: '2019-03-05',
    consentement: 'non',
    modeConsentement: '',
    nom: '',
    contact: '',
    notes: 'A appelé six fois avant de se déplacer.',
  };
  const post = (fields: Record<string, string>, page = path('/entretiens/nouveau')) =>
    submitForm(t.app, { page, fields, cookie: w.varAgent.cookie });
  const rowsOf = () => db.select().from(interviews).where(eq(interviews.projectId, w.project.id));
  const trail = (resourceId: string) => auditTrail(db, { resourceType: AUDIT_RESOURCE, resourceId });

  beforeAll(async () => {
    t = await startTestApp({}, [journalModule]);
    db = t.platform.database.db;
    w = await journalWorld(db);
  });
  afterAll(() => t.close());

  it('refuses a name or a contact without recorded consent, and says why', async () => {
    const { response } = await post({ ...base, nom: 'Mme Garcia', contact: '06 12 34 56 78' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'nom')).toContain('Sans consentement enregistré');
    expect(fieldError(response.body, 'contact')).toContain('Sans consentement enregistré');
    expect(response.body).toContain('A appelé six fois avant de se déplacer.');
    expect(await rowsOf()).toEqual([]);

    const noMode = await post({ ...base, consentement: 'oui', nom: 'Mme Garcia' });
    expect(noMode.response.statusCode).toBe(400);
    expect(fieldError(noMode.response.body, 'modeConsentement')).toContain('comment la personne a donné');

    const unanswered = await post({ ...base, consentement: '' });
    expect(unanswered.response.statusCode).toBe(400);
    expect(unanswered.response.body).toContain('Indiquez si la personne a donné son consentement.');
  });

  it('keeps an anonymous interview, whose reading is not a read of personal data', async () => {
    const { response } = await post(base);
    expect(response.statusCode).toBe(303);
    const [row] = await rowsOf();
    expect(row).toMatchObject({
      intervieweeName: null,
      intervieweeContact: null,
      consentRecorded: false,
      createdBy: w.varAgent.id,
    });
    expect((await trail(row!.id)).map((e) => [e.action, e.details])).toEqual([
      ['create', { projectId: w.project.id, withName: false, consent: false }],
    ]);
    const page = await get(t, path(`/entretiens/${row!.id}`), w.varAgent.cookie);
    expect(page.body).toContain('Non conservé');
    expect(await trail(row!.id)).toHaveLength(1);
  });

  it('keeps the name with consent; every read of it and every change is in the audit trail', async () => {
    const { response } = await post({
      ...base,
      role: 'Secrétaire d’accueil',
      consentement: 'oui',
      modeConsentement: 'Oral, en début d’entretien',
      nom: 'Martine Dupuis',
      contact: 'martine.dupuis@exemple.fr',
    });
    expect(response.statusCode).toBe(303);
    const id = (response.headers.location as string).split('/').at(-1)!;

    // The lists show the role and the date, never the name, and read nothing.
    for (const list of [path(), path('/entretiens')]) {
      const page = await get(t, list, w.varAgent.cookie);
      expect(page.body).toContain('Secrétaire d’accueil');
      expect(page.body).not.toContain('Martine Dupuis');
    }
    expect((await trail(id)).map((e) => e.action)).toEqual(['create']);

    const read = await get(t, path(`/entretiens/${id}`), w.varAgent.cookie);
    expect(read.body).toContain('Martine Dupuis');
    const manager = await get(t, path(`/entretiens/${id}`), w.varSameService.cookie);
    expect(manager.statusCode).toBe(200);
    expect(manager.body).toContain('Martine Dupuis');
    expect(manager.body).not.toContain('Modifier l’entretien');
    const reads = (await trail(id)).filter((e) => e.action === 'read');
    expect(reads.map((e) => [e.actorId, e.territoryId])).toEqual([
      [w.varAgent.id, w.varTerritory.id],
      [w.varSameService.id, w.varTerritory.id],
    ]);

    // The change is audited by field name, never with the values.
    const edit = path(`/entretiens/${id}/modifier`);
    const changed = await post(
      {
        ...base,
        role: 'Secrétaire d’accueil',
        consentement: 'oui',
        modeConsentement: 'Oral, en début d’entretien',
        nom: 'Martine Dupuis',
        contact: '04 94 00 00 00',
      },
      edit,
    );
    expect(changed.response.statusCode).toBe(303);
    const update = (await trail(id)).find((e) => e.action === 'update')!;
    expect(update.details).toEqual({ projectId: w.project.id, changed: ['intervieweeContact'] });
    expect(JSON.stringify(update.details)).not.toContain('04 94');

    // Withdrawing consent while keeping the name is refused; withdrawing it with the name erased is not.
    const withdrawn = await post({ ...base, role: 'Secrétaire d’accueil', nom: 'Martine Dupuis' }, edit);
    expect(withdrawn.response.statusCode).toBe(400);
    const erased = await post({ ...base, role: 'Secrétaire d’accueil' }, edit);
    expect(erased.response.statusCode).toBe(303);
    const [row] = await db.select().from(interviews).where(eq(interviews.id, id));
    expect(row).toMatchObject({
      intervieweeName: null,
      intervieweeContact: null,
      consentRecorded: false,
      consentMode: '',
    });

    const deleted = await submitForm(t.app, {
      page: path(),
      action: path(`/entretiens/${id}/supprimer`),
      fields: {},
      cookie: w.varAgent.cookie,
    });
    expect(deleted.response.statusCode).toBe(303);
    expect(await db.select().from(interviews).where(eq(interviews.id, id))).toEqual([]);
    // Each edit form opened (submitForm loads it first) and re-shown after a refusal is a read too.
    expect((await trail(id)).map((e) => e.action)).toEqual([
      'create',
      'read',
      'read',
      'read',
      'update',
      'read',
      'read',
      'read',
      'update',
      'delete',
    ]);
  });
});
