import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { type OpenedProject, openProject } from './access.ts';
import { callerOf, clock, refusedForm } from './http.ts';
import { teamPath } from './paths.ts';
import { type Plan, planOf } from './plan.ts';
import { agentNames } from './projects.repository.ts';
import { memberEditForm, memberForm, memberParams, planForm, slugParams } from './schemas.ts';
import {
  addTeamMember,
  changeDetachmentPlan,
  editTeamMember,
  type MemberInput,
  memberFormValues,
  removeTeamMember,
  teamMember,
} from './team.service.ts';
import { teamsWithTime } from './team-time.service.ts';
import { MemberEditPage, TeamPage } from './views/team.tsx';

/** The project's plan: its own, else the cohort's (what a member without their own values follows). */
const projectPlanOf = (opened: OpenedProject): Plan =>
  planOf({ daysPerWeek: null, weeks: null }, opened.project, opened.cohort);

const toMemberInput = (d: {
  role: string;
  responsable: string | null;
  jours: string | null;
  semaines: number | null;
  arrivee: string;
}): MemberInput => ({
  role: d.role,
  managerEmail: d.responsable,
  daysPerWeek: d.jours,
  weeks: d.semaines,
  joinedOn: d.arrivee,
});

/** Composing the team (the staff and the project's coach) and the detachment plan (the staff). */
export async function registerTeam(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  /** A new member arrives on the project's first day, or today once it has begun. */
  const defaultArrival = (opened: OpenedProject) => {
    const { today } = clock();
    // Days 'YYYY-MM-DD' sort as text: the later of the two.
    return [opened.project.startsOn, today].sort()[1]!;
  };

  const teamPage = async (
    reply: FastifyReply,
    opened: OpenedProject,
    forms: { form?: FormState; planForm?: FormState },
    status = 200,
  ) => {
    const teams = await teamsWithTime(db, [opened.project], opened.cohort, clock().today);
    const { project } = opened;
    return reply.page(
      `Équipe – ${project.title}`,
      <TeamPage
        opened={opened}
        members={teams.get(project.id)!.members}
        projectPlan={projectPlanOf(opened)}
        form={forms.form ?? emptyForm({ arrivee: defaultArrival(opened) })}
        planForm={
          forms.planForm ??
          emptyForm({
            jours: project.detachmentDaysPerWeek ? String(Number(project.detachmentDaysPerWeek)) : '',
            semaines: project.detachmentWeeks ? String(project.detachmentWeeks) : '',
            debut: project.startsOn,
          })
        }
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(teamPath(':projectSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const opened = await openProject(db, callerOf(request), request.params.projectSlug, 'team');
    return teamPage(reply, opened, {});
  });

  web.post(teamPath(':projectSlug'), { schema: { params: slugParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const opened = await openProject(db, caller, request.params.projectSlug, 'team');
    const parsed = parseForm(memberForm, request.body);
    if (!parsed.ok) return teamPage(reply, opened, { form: parsed.form }, 400);
    try {
      await addTeamMember(db, caller, opened, parsed.data.email, toMemberInput(parsed.data));
    } catch (error) {
      const { form, status } = refusedForm(error, request.body);
      return teamPage(reply, opened, { form }, status);
    }
    reply.flash('success', `${parsed.data.email} rejoint l’équipe.`);
    return reply.redirect(teamPath(opened.project.slug), 303);
  });

  web.post(`${teamPath(':projectSlug')}/plan`, { schema: { params: slugParams } }, async (request, reply) => {
    const caller = callerOf(request);
    const opened = await openProject(db, caller, request.params.projectSlug, 'staff');
    const parsed = parseForm(planForm, request.body);
    if (!parsed.ok) return teamPage(reply, opened, { planForm: parsed.form }, 400);
    await changeDetachmentPlan(
      db,
      caller,
      opened,
      { daysPerWeek: parsed.data.jours, weeks: parsed.data.semaines, startsOn: parsed.data.debut },
      clock().now,
    );
    reply.flash('success', 'Le plan de détachement du projet est enregistré.');
    return reply.redirect(teamPath(opened.project.slug), 303);
  });

  const memberPage = async (
    reply: FastifyReply,
    opened: OpenedProject,
    member: Awaited<ReturnType<typeof teamMember>>,
    form: FormState,
    status = 200,
  ) => {
    const names = await agentNames(db, [member.agentId]);
    return reply.page(
      `Modifier un membre – ${opened.project.title}`,
      <MemberEditPage
        opened={opened}
        memberId={member.id}
        memberName={names.get(member.agentId) ?? ''}
        projectPlan={projectPlanOf(opened)}
        form={form}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );
  };

  web.get(
    `${teamPath(':projectSlug')}/:memberId`,
    { schema: { params: memberParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'team');
      const member = await teamMember(db, opened, request.params.memberId);
      return memberPage(reply, opened, member, emptyForm(await memberFormValues(db, member)));
    },
  );

  web.post(
    `${teamPath(':projectSlug')}/:memberId`,
    { schema: { params: memberParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'team');
      const member = await teamMember(db, opened, request.params.memberId);
      const parsed = parseForm(memberEditForm, request.body);
      if (!parsed.ok) return memberPage(reply, opened, member, parsed.form, 400);
      try {
        await editTeamMember(db, caller, opened, member.id, toMemberInput(parsed.data));
      } catch (error) {
        const { form, status } = refusedForm(error, request.body);
        return memberPage(reply, opened, member, form, status);
      }
      reply.flash('success', 'Le membre de l’équipe est modifié.');
      return reply.redirect(teamPath(opened.project.slug), 303);
    },
  );

  web.post(
    `${teamPath(':projectSlug')}/:memberId/retirer`,
    { schema: { params: memberParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const opened = await openProject(db, caller, request.params.projectSlug, 'team');
      await removeTeamMember(db, caller, opened, request.params.memberId, clock().today);
      reply.flash('success', 'Le membre a quitté l’équipe ; ses pointages restent comptés.');
      return reply.redirect(teamPath(opened.project.slug), 303);
    },
  );
}
