import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../platform/db/client.ts';
import { fieldError, get } from '../../../../platform/tenancy/testing.ts';
import { submitForm } from '../../../../platform/testing/forms.ts';
import type { TestContext } from '../../../../platform/testing/harness.ts';
import { meToos } from '../../tables.ts';
import type { ProgrammeWorld } from '../../testing.ts';
import { paths } from '../paths.ts';
import { startProgramme, submittedProblem } from '../testing.ts';

describe('« moi aussi »', () => {
  let t: TestContext;
  let w: ProgrammeWorld;
  let db: Db;
  let problemId: string;
  const page = () => paths.problem(problemId);
  const say = (cookie: string, fields: Record<string, string>) =>
    submitForm(t.app, { page: page(), action: `${page()}/moi-aussi`, cookie, fields });

  beforeAll(async () => {
    ({ t, w, db } = await startProgramme());
    const problem = await submittedProblem(db, {
      callId: w.call.id,
      agentId: w.varAgent.id,
      organisationId: w.utsLaSeyne.id,
      territoryId: w.varTerritory.id,
      title: 'Les appels au standard se perdent',
    });
    problemId = problem.id;
  });
  afterAll(async () => t?.close());

  it('is said once by another partner agent, with their service and a comment', async () => {
    const before = await get(t, page(), w.pauAgent.cookie);
    expect(before.body).toContain('Aucun autre agent n’a encore dit rencontrer ce problème.');
    expect(before.body).toContain('value="CCAS de Pau"');
    const missing = await say(w.pauAgent.cookie, { service: '', commentaire: '' });
    expect(missing.response.statusCode).toBe(400);
    expect(fieldError(missing.response.body, 'service')).toBe('Indiquez votre service.');

    const { response } = await say(w.pauAgent.cookie, {
      service: 'CCAS de Pau',
      commentaire: 'Pareil chez nous, 60 % d’appels perdus.',
    });
    expect(response.statusCode).toBe(303);
    const again = await say(w.pauAgent.cookie, { service: 'CCAS', commentaire: '' });
    expect(again.response.statusCode).toBe(303);
    const rows = await db.select().from(meToos).where(eq(meToos.problemId, problemId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agentId: w.pauAgent.id, service: 'CCAS de Pau' });
    const after = await get(t, page(), w.pauAgent.cookie);
    expect(after.body).toContain('Vous avez dit « moi aussi » (CCAS de Pau).');
    expect(after.body).toContain('Retirer mon « moi aussi »');
  });

  it('shows names and services to the staff, a count to the others', async () => {
    await say(w.varColleague.cookie, { service: 'Direction de l’insertion', commentaire: '' });
    const staff = await get(t, page(), w.coach.cookie);
    expect(staff.body).toContain('2 autres agents rencontrent ce problème.');
    expect(staff.body).toContain(`${w.pauAgent.firstName} ${w.pauAgent.lastName} (CCAS de Pau)`);
    expect(staff.body).toContain('60 % d’appels perdus');
    const colleague = await get(t, page(), w.varSameService.cookie);
    expect(colleague.body).toContain('2 autres agents rencontrent ce problème.');
    expect(colleague.body).not.toContain(w.pauAgent.lastName);
    // The call page counts them too.
    expect((await get(t, paths.call(w.call.id), w.pauAgent.cookie)).body).toMatch(/<td>2<\/td>/);
  });

  it('is refused to the author and to read-only members (403), and hidden from outsiders (404)', async () => {
    const author = await say(w.varAgent.cookie, { service: 'UTS', commentaire: '' });
    expect(author.response.statusCode).toBe(403);
    expect((await get(t, page(), w.varAgent.cookie)).body).not.toContain('>Moi aussi</button>');
    const reader = await say(w.varReadonly.cookie, { service: 'UTS', commentaire: '' });
    expect(reader.response.statusCode).toBe(403);
    // Even with an incomplete form: the refusal comes first.
    const readerEmpty = await say(w.varReadonly.cookie, { service: '', commentaire: '' });
    expect(readerEmpty.response.statusCode).toBe(403);
    expect((await get(t, page(), w.outsider.cookie)).statusCode).toBe(404);
  });

  it('can be withdrawn', async () => {
    const { response } = await submitForm(t.app, {
      page: page(),
      action: `${page()}/moi-aussi/retrait`,
      cookie: w.pauAgent.cookie,
      fields: {},
    });
    expect(response.statusCode).toBe(303);
    const mine = await db
      .select()
      .from(meToos)
      .where(and(eq(meToos.problemId, problemId), eq(meToos.agentId, w.pauAgent.id)));
    expect(mine).toHaveLength(0);
    expect((await get(t, page(), w.pauAgent.cookie)).body).toContain('>Moi aussi</button>');
  });
});
