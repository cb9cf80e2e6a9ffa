import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { requireSignedIn } from '../../../platform/auth/require.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { localDay } from '../../../platform/scheduling/slots/calendar.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { acceptUploads, uploadedFile } from '../../../platform/web/uploads.ts';
import { type CommitteeDossier, itemOf, openCommittee } from './access.ts';
import { projectsOfCohort } from './committee.repository.ts';
import { decideOnProject, withdrawDecision } from './decision.service.ts';
import { castVote, declareConflict, withdrawConflict } from './deliberation.service.ts';
import { timeOfDay } from './format.ts';
import {
  checkMaterialsFile,
  downloadMaterials,
  MAX_MATERIALS_BYTES,
  submitMaterials,
} from './materials.service.ts';
import { publishMinutes, writeMinutes } from './minutes.service.ts';
import { committeePath, itemPath } from './paths.ts';
import { openCohortCommittees, rescheduleCommittee, scheduleCommittee } from './schedule.service.ts';
import {
  agendaField,
  cohortParams,
  committeeParams,
  conflictForm,
  decisionForm,
  itemParams,
  materialsForm,
  minutesForm,
  parseCommitteeForm,
  voteForm,
} from './schemas.ts';
import { CommitteeEditPage, CommitteePage } from './views/committee.tsx';
import { type ItemForms, ItemPage } from './views/item.tsx';
import { CohortCommitteesPage } from './views/list.tsx';

function callerOf(request: FastifyRequest): Caller {
  return { actor: requireSignedIn(request).actor, audit: actorOf(request) };
}

/** A validation error from a use-case, as the form's messages; anything else goes to the error handler. */
function validationErrors(error: unknown): Record<string, string> {
  if (error instanceof AppError && error.code === 'validation') return error.fields;
  throw error;
}

/**
 * The committee's pages (issue 6 §7). Thin: each route opens the committee for the signed-in agent
 * (access.ts: 404 for whoever may not see it), parses its form and calls one use-case.
 */
export async function registerCommitteeRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();
  const open = (request: FastifyRequest, committeeId: string) =>
    openCommittee(db, callerOf(request).actor, committeeId, localDay(new Date()));

  // The cohort's committees.
  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    cohortSlug: string,
    form: FormState,
    status = 200,
  ) => {
    const view = await openCohortCommittees(db, callerOf(request).actor, cohortSlug);
    return reply.page(
      `Comités – ${view.cohort.name}`,
      <CohortCommitteesPage view={view} form={form} csrfToken={reply.csrfToken()} />,
      status,
    );
  };

  web.get(
    '/programme/espace/saisons/:cohortSlug/comites',
    { schema: { params: cohortParams } },
    (request, reply) => listPage(request, reply, request.params.cohortSlug, emptyForm({ heure: '09:30' })),
  );

  web.post(
    '/programme/espace/saisons/:cohortSlug/comites',
    { schema: { params: cohortParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const view = await openCohortCommittees(db, caller.actor, request.params.cohortSlug);
      const parsed = parseCommitteeForm(
        request.body,
        view.projects.map((p) => p.id),
      );
      if (!parsed.ok) return listPage(request, reply, request.params.cohortSlug, parsed.form, 400);
      try {
        const id = await scheduleCommittee(db, caller, view, parsed.data);
        reply.flash('success', 'Comité programmé.');
        return reply.redirect(committeePath(id), 303);
      } catch (error) {
        const errors = validationErrors(error);
        return listPage(
          request,
          reply,
          request.params.cohortSlug,
          { values: formValues(request.body), errors },
          400,
        );
      }
    },
  );

  // One committee.
  const committeePage = (reply: FastifyReply, dossier: CommitteeDossier, form: FormState, status = 200) =>
    reply.page(
      dossier.committee.title,
      <CommitteePage dossier={dossier} form={form} csrfToken={reply.csrfToken()} />,
      status,
    );

  web.get(
    '/programme/espace/comites/:committeeId',
    { schema: { params: committeeParams } },
    async (request, reply) => {
      const dossier = await open(request, request.params.committeeId);
      return committeePage(reply, dossier, emptyForm({ compte_rendu: dossier.committee.minutes }));
    },
  );

  const editPage = async (reply: FastifyReply, dossier: CommitteeDossier, form: FormState, status = 200) =>
    reply.page(
      `Modifier – ${dossier.committee.title}`,
      <CommitteeEditPage
        dossier={dossier}
        projects={await projectsOfCohort(db, dossier.cohort.id)}
        form={form}
        csrfToken={reply.csrfToken()}
      />,
      status,
    );

  const openForChange = async (request: FastifyRequest, committeeId: string) => {
    const dossier = await open(request, committeeId);
    // Members and teams see the committee but do not change it: the edit page is the staff's.
    if (!dossier.viewer.isStaff) throw notFound();
    return dossier;
  };

  web.get(
    '/programme/espace/comites/:committeeId/modifier',
    { schema: { params: committeeParams } },
    async (request, reply) => {
      const dossier = await openForChange(request, request.params.committeeId);
      const values: Record<string, string> = {
        titre: dossier.committee.title,
        jour: dossier.day,
        heure: timeOfDay(dossier.committee.meetsAt),
        lieu: dossier.committee.place,
        membres: dossier.members.map((m) => m.email).join('\n'),
      };
      dossier.items.forEach((item, index) => {
        values[agendaField(item.project.id)] = String(index + 1);
      });
      return editPage(reply, dossier, emptyForm(values));
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/modifier',
    { schema: { params: committeeParams } },
    async (request, reply) => {
      const dossier = await openForChange(request, request.params.committeeId);
      const projects = await projectsOfCohort(db, dossier.cohort.id);
      const parsed = parseCommitteeForm(
        request.body,
        projects.map((p) => p.id),
      );
      if (!parsed.ok) return editPage(reply, dossier, parsed.form, 400);
      try {
        await rescheduleCommittee(db, callerOf(request), dossier, parsed.data);
      } catch (error) {
        return editPage(
          reply,
          dossier,
          { values: formValues(request.body), errors: validationErrors(error) },
          400,
        );
      }
      reply.flash('success', 'Comité enregistré.');
      return reply.redirect(committeePath(dossier.committee.id), 303);
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/compte-rendu',
    { schema: { params: committeeParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      const dossier = await open(request, request.params.committeeId);
      const parsed = parseForm(minutesForm, request.body);
      if (!parsed.ok) return committeePage(reply, dossier, parsed.form, 400);
      const publish = (request.body as Record<string, unknown> | undefined)?.action === 'publier';
      try {
        if (!publish) {
          await writeMinutes(db, dossier, parsed.data.compte_rendu);
          reply.flash('success', 'Brouillon du compte rendu enregistré.');
        } else if (await publishMinutes(platform, caller, dossier, parsed.data.compte_rendu, new Date())) {
          reply.flash(
            'success',
            'Compte rendu publié : les équipes et leurs coachs sont prévenus par courriel.',
          );
        } else {
          reply.flash('info', 'Le compte rendu était déjà publié.');
        }
      } catch (error) {
        const errors = validationErrors(error);
        return committeePage(
          reply,
          dossier,
          { values: { compte_rendu: parsed.data.compte_rendu }, errors },
          400,
        );
      }
      return reply.redirect(`${committeePath(dossier.committee.id)}#compte-rendu`, 303);
    },
  );

  // One item (a project before the committee).
  const itemPage = (
    reply: FastifyReply,
    dossier: CommitteeDossier,
    itemId: string,
    forms: ItemForms = {},
    status = 200,
  ) => {
    const item = itemOf(dossier, itemId);
    return reply.page(
      `${item.project.title} – ${dossier.committee.title}`,
      <ItemPage dossier={dossier} item={item} forms={forms} csrfToken={reply.csrfToken()} />,
      status,
    );
  };
  const openItem = async (request: FastifyRequest, params: { committeeId: string; itemId: string }) => {
    const dossier = await open(request, params.committeeId);
    return { dossier, item: itemOf(dossier, params.itemId) };
  };
  const backToItem = (reply: FastifyReply, dossier: CommitteeDossier, itemId: string, anchor: string) =>
    reply.redirect(`${itemPath(dossier.committee.id, itemId)}#${anchor}`, 303);

  web.get(
    '/programme/espace/comites/:committeeId/points/:itemId',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const dossier = await open(request, request.params.committeeId);
      return itemPage(reply, dossier, request.params.itemId);
    },
  );

  // Only this scope parses multipart/form-data (platform/web/uploads.ts); the CSRF check runs before.
  await app.register(async (scope) => {
    await acceptUploads(scope, {
      maxFileBytes: MAX_MATERIALS_BYTES,
      maxRequestBytes: MAX_MATERIALS_BYTES + 65_536,
    });
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/programme/espace/comites/:committeeId/points/:itemId/documents',
        { schema: { params: itemParams } },
        async (request, reply) => {
          const caller = callerOf(request);
          const { dossier, item } = await openItem(request, request.params);
          const refuse = (form: FormState) => itemPage(reply, dossier, item.id, { materials: form }, 400);
          const parsed = parseForm(materialsForm, request.body);
          const upload = uploadedFile(request.body, 'fichier');
          const checked = upload && upload.data.length > 0 ? checkMaterialsFile(upload) : null;
          const values = parsed.ok
            ? { resume: parsed.data.resume, lien: parsed.data.lien }
            : parsed.form.values;
          const errors = {
            ...(parsed.ok ? {} : parsed.form.errors),
            ...(checked && !checked.ok ? { fichier: checked.error } : {}),
          };
          if (!parsed.ok || Object.keys(errors).length) return refuse({ values, errors });
          const now = new Date();
          try {
            await submitMaterials(
              db,
              caller,
              dossier,
              item,
              {
                summary: parsed.data.resume,
                link: parsed.data.lien,
                file: checked?.ok
                  ? { data: upload!.data, name: checked.name, contentType: checked.contentType }
                  : null,
              },
              now,
            );
          } catch (error) {
            return refuse({ values, errors: validationErrors(error) });
          }
          const late = localDay(now) > dossier.dueOn;
          reply.flash(
            late ? 'warning' : 'success',
            late
              ? 'Documents déposés, après la date limite : ils sont signalés en retard.'
              : 'Documents déposés.',
          );
          return backToItem(reply, dossier, item.id, 'documents');
        },
      );
  });

  web.get(
    '/programme/espace/comites/:committeeId/points/:itemId/document',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const { dossier, item } = await openItem(request, request.params);
      const file = await downloadMaterials(db, callerOf(request), dossier, item);
      if (!file) throw notFound();
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/points/:itemId/vote',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const { dossier, item } = await openItem(request, request.params);
      const parsed = parseForm(voteForm, request.body);
      if (!parsed.ok) return itemPage(reply, dossier, item.id, { vote: parsed.form }, 400);
      await castVote(db, callerOf(request), dossier, item, parsed.data, new Date());
      reply.flash('success', 'Vote enregistré : vous pouvez le modifier jusqu’à la décision.');
      return backToItem(reply, dossier, item.id, 'mon-vote');
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/points/:itemId/conflit',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const { dossier, item } = await openItem(request, request.params);
      const parsed = parseForm(conflictForm, request.body);
      if (!parsed.ok) return itemPage(reply, dossier, item.id, { conflict: parsed.form }, 400);
      await declareConflict(db, callerOf(request), dossier, item, parsed.data.raison, new Date());
      reply.flash('info', 'Conflit d’intérêts déclaré : vous ne votez pas sur ce projet.');
      return backToItem(reply, dossier, item.id, 'mon-vote');
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/points/:itemId/conflit/retirer',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const { dossier, item } = await openItem(request, request.params);
      if (await withdrawConflict(db, callerOf(request), dossier, item))
        reply.flash('info', 'Déclaration de conflit retirée.');
      return backToItem(reply, dossier, item.id, 'mon-vote');
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/points/:itemId/decision',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const { dossier, item } = await openItem(request, request.params);
      const parsed = parseForm(decisionForm(dossier.day), request.body);
      if (!parsed.ok) return itemPage(reply, dossier, item.id, { decision: parsed.form }, 400);
      try {
        await decideOnProject(db, callerOf(request), dossier, item, parsed.data, new Date());
      } catch (error) {
        const errors = validationErrors(error);
        return itemPage(
          reply,
          dossier,
          item.id,
          { decision: { values: formValues(request.body), errors } },
          400,
        );
      }
      reply.flash('success', item.decision ? 'Décision corrigée.' : 'Décision enregistrée.');
      return backToItem(reply, dossier, item.id, 'decision');
    },
  );

  web.post(
    '/programme/espace/comites/:committeeId/points/:itemId/decision/retirer',
    { schema: { params: itemParams } },
    async (request, reply) => {
      const { dossier, item } = await openItem(request, request.params);
      await withdrawDecision(db, callerOf(request), dossier, item);
      reply.flash('info', 'Décision retirée : les votes sont rouverts et les phases du projet rétablies.');
      return backToItem(reply, dossier, item.id, 'decision');
    },
  );
}

/** The posted values as the form shows them again. */
function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (key !== '_csrf' && typeof value !== 'object') values[key] = String(value ?? '');
    else if (Array.isArray(value)) values[key] = String(value.at(-1) ?? '');
  return values;
}
