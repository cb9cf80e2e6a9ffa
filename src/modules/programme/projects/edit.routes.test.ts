import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { textOf } from '../../../platform/scheduling/public/testing.ts';
import { fieldError, get } from '../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../platform/testing/forms.ts';
import { startTestApp, type TestContext } from '../../../platform/testing/harness.ts';
import { projectPhases, projects } from '../tables.ts';
import { type ProgrammeWorld, programmeWorld } from '../testing.ts';
import { indicatorModule, newManager, newMember, newProject, postFields, projectsOnly } from './testing.ts';

const publicFields: [string, string][] = [
  ['titre', 'Accueil UTS'],
  ['mission', 'Orienter chaque appel vers le bon service et faciliter la prise de rendez-vous.'],
  ['probleme', '70 % des appels entrants sont perdus.'],
  ['solution', 'Un serveur vocal et la prise de rendez-vous en ligne.'],
  ['sponsors', 'departement-var\r\n/organisations/anct\r\n\r\ndepartement-var'],
  ['usertypes', 'particulier'],
  ['usertypes', 'collectivite-territoriale'],
  ['thematiques', 'Social\nCollectivités'],
  ['contact', 'equipe@var.fr'],
  ['lien', 'https://accueil.var.fr'],
  ['depot', ''],
  ['public', 'on'],
  ['module', 'essai'],
  ['indicateurs', 'essai.organisations'],
];

describe('the public fields and the phases of a project', () => {
  let t: TestContext;
  let db: Db;
  let w: ProgrammeWorld;
  let project: Awaited<ReturnType<typeof newProject>>;
  let manager: Awaited<ReturnType<typeof newManager>>;

  beforeAll(async () => {
    t = await startTestApp({}, [projectsOnly, indicatorModule]);
    db = t.platform.database.db;
    w = await programmeWorld(db);
    manager = await newManager(db, w);
    project = await newProject(db, w, { startsOn: '2031-02-03' });
    await newMember(db, {
      projectId: project.id,
      agentId: w.varAgent.id,
      managerAgentId: manager.id,
      joinedOn: '2031-02-03',
    });
  });
  afterAll(() => t.close());

  const edit = () => `/programme/espace/projets/${project.slug}/modifier`;
  const rowOf = async () => (await db.select().from(projects).where(eq(projects.id, project.id)))[0]!;
  const timeline = () =>
    db
      .select()
      .from(projectPhases)
      .where(eq(projectPhases.projectId, project.id))
      .orderBy(asc(projectPhases.startsOn));

  describe('public fields', () => {
    it('are written by a team member, for the portfolio and the beta.gouv.fr export', async () => {
      const page = await get(t, edit(), w.varAgent.cookie);
      expect(page.statusCode).toBe(200);
      expect(textOf(page.body)).toContain('Nombre d’organisations');
      const response = await postFields(t.app, {
        page: edit(),
        fields: publicFields,
        cookie: w.varAgent.cookie,
      });
      expect(response.statusCode).toBe(303);
      expect(await rowOf()).toMatchObject({
        title: 'Accueil UTS',
        mission: 'Orienter chaque appel vers le bon service et faciliter la prise de rendez-vous.',
        sponsors: ['departement-var', 'anct'],
        usertypes: ['particulier', 'collectivite-territoriale'],
        thematiques: ['Social', 'Collectivités'],
        contact: 'equipe@var.fr',
        link: 'https://accueil.var.fr',
        repository: '',
        isPublic: true,
        moduleName: 'essai',
        indicatorKeys: ['essai.organisations'],
      });
      // The form shows them again.
      const again = await get(t, edit(), w.varAgent.cookie);
      expect(again.body).toContain('value="collectivite-territoriale" checked');
      expect(again.body).toMatch(/departement-var\nanct/);
    });

    it('refuses bad values field by field and keeps what was typed', async () => {
      const fields: [string, string][] = [
        ['titre', ''],
        ['mission', 'Une mission'],
        ['sponsors', 'Département du Var'],
        ['usertypes', 'particulier'],
        ['usertypes', 'martien'],
        ['contact', 'pas une adresse'],
        ['lien', 'accueil.var.fr'],
        ['module', ''],
        ['indicateurs', 'essai.organisations'],
      ];
      const response = await postFields(t.app, { page: edit(), fields, cookie: w.varAgent.cookie });
      expect(response.statusCode).toBe(400);
      expect(fieldError(response.body, 'titre')).toBe('Indiquez le nom du projet.');
      expect(fieldError(response.body, 'sponsors')).toContain('departement-var');
      expect(fieldError(response.body, 'contact')).toContain('adresse électronique valide');
      expect(fieldError(response.body, 'lien')).toContain('adresse web complète');
      expect(textOf(response.body)).toContain('Choisissez parmi les publics proposés.');
      expect(textOf(response.body)).toContain('Choisissez d’abord le module');
      expect(response.body).toContain('value="Une mission"');
      expect((await rowOf()).title).toBe('Accueil UTS');
    });

    it('refuses indicator keys that are not the chosen module’s', async () => {
      const fields = publicFields.map(([k, v]): [string, string] => [
        k,
        k === 'indicateurs' ? 'rsa.delai' : v,
      ]);
      const response = await postFields(t.app, { page: edit(), fields, cookie: w.varAgent.cookie });
      expect(response.statusCode).toBe(400);
      expect(textOf(response.body)).toContain('Choisissez des indicateurs du module choisi.');
    });

    it('are only read by a member’s manager (403)', async () => {
      const response = await postFields(t.app, {
        page: `/programme/espace/projets/${project.slug}`,
        action: edit(),
        fields: publicFields,
        cookie: manager.cookie,
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('phases', () => {
    const addPhase = (fields: Record<string, string>, cookie = w.incubatorAgent.cookie) =>
      submitForm(t.app, { page: edit(), action: `${edit()}/phases`, fields, cookie });

    it('are kept by the staff only: the team sees them, and is refused a change (403)', async () => {
      const page = textOf((await get(t, edit(), w.varAgent.cookie)).body);
      expect(page).toContain('Les phases suivent les décisions des comités');
      expect(page).not.toContain('Ajouter la phase');
      // A team member posting anyway (with a token from the page they may open).
      const response = await postFields(t.app, {
        page: edit(),
        action: `${edit()}/phases`,
        fields: [
          ['phase', 'construction'],
          ['debut', '2031-05-15'],
        ],
        cookie: w.varAgent.cookie,
      });
      expect(response.statusCode).toBe(403);
      expect(await timeline()).toHaveLength(1);
    });

    it('closes the current phase the day before the new one', async () => {
      const { response } = await addPhase({
        phase: 'construction',
        debut: '15/05/2031',
        fin: '',
        commentaire: 'Comité du 15 mai',
      });
      expect(response.statusCode).toBe(303);
      expect((await timeline()).map((r) => [r.phase, r.startsOn, r.endsOn, r.comment])).toEqual([
        ['investigation', '2031-02-03', '2031-05-14', ''],
        ['construction', '2031-05-15', null, 'Comité du 15 mai'],
      ]);
    });

    it('refuses overlaps and ends before starts, with the values kept', async () => {
      const overlap = await addPhase({ phase: 'abandon', debut: '2031-04-01', fin: '2031-04-30' });
      expect(overlap.response.statusCode).toBe(400);
      expect(fieldError(overlap.response.body, 'debut')).toBe(
        'Cette phase chevauche la phase « Investigation » (du 3 février 2031 au 14 mai 2031).',
      );
      expect(overlap.response.body).toContain('value="2031-04-30"');

      const backwards = await addPhase({ phase: 'acceleration', debut: '2031-09-01', fin: '2031-08-01' });
      expect(backwards.response.statusCode).toBe(400);
      expect(fieldError(backwards.response.body, 'fin')).toBe(
        'La fin de la phase ne peut pas précéder son début.',
      );

      const missing = await addPhase({ phase: '', debut: '' });
      expect(missing.response.statusCode).toBe(400);
      expect(fieldError(missing.response.body, 'debut')).toBe('Indiquez la date de début de la phase.');
      expect(await timeline()).toHaveLength(2);
    });

    it('are edited row by row, still without overlap', async () => {
      const [investigation] = await timeline();
      const page = `${edit()}/phases/${investigation!.id}`;
      const refused = await submitForm(t.app, {
        page,
        fields: { phase: 'investigation', debut: '2031-02-03', fin: '2031-05-20' },
        cookie: w.incubatorAgent.cookie,
      });
      expect(refused.response.statusCode).toBe(400);
      expect(fieldError(refused.response.body, 'fin')).toContain('« Construction »');

      const { response } = await submitForm(t.app, {
        page,
        fields: {
          phase: 'investigation',
          debut: '2031-02-10',
          fin: '2031-05-14',
          commentaire: 'Lancement décalé',
        },
        cookie: w.incubatorAgent.cookie,
      });
      expect(response.statusCode).toBe(303);
      expect((await timeline())[0]).toMatchObject({ startsOn: '2031-02-10', comment: 'Lancement décalé' });
    });

    it('are deleted, the previous one reopening; the last one stays', async () => {
      const [investigation, construction] = await timeline();
      const remove = (id: string) =>
        submitForm(t.app, {
          page: edit(),
          action: `${edit()}/phases/${id}/supprimer`,
          fields: {},
          cookie: w.incubatorAgent.cookie,
        });
      expect((await remove(construction!.id)).response.statusCode).toBe(303);
      expect((await timeline()).map((r) => [r.phase, r.endsOn])).toEqual([['investigation', null]]);

      const last = await remove(investigation!.id);
      expect(last.response.statusCode).toBe(400);
      expect(textOf(last.response.body)).toContain('Un projet a toujours au moins une phase');
      expect(await timeline()).toHaveLength(1);

      expect((await get(t, `${edit()}/phases/${construction!.id}`, w.incubatorAgent.cookie)).statusCode).toBe(
        404,
      );
    });
  });
});
