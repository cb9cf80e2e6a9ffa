import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { emptyForm, type FormState } from '../../../platform/web/components.tsx';
import { findLine } from '../lines.repository.ts';
import type { Line } from '../tables.ts';
import { addClosure, removeClosure } from './closures.edit.ts';
import {
  type ConfigurationExtras,
  changeLineFlow,
  changeRetention,
  configurationExtras,
  openLineToConfigure,
  retentionValues,
  type SaveResult,
  versionOf,
} from './configuration.service.ts';
import type { FlowEdit } from './flow-edit.ts';
import { flowProblems } from './flow-problems.ts';
import type { FormValues } from './form-reading.ts';
import { editGeneral, generalValues } from './general.edit.ts';
import { editHours, hoursValues } from './hours.edit.ts';
import { addMenu, editMenu, keysLeadingTo, menuValues, removeMenu } from './menu.edit.ts';
import { changeProviderSecret } from './provider.edit.ts';
import { callerOf, postedValues } from './request.ts';
import { addService, editService, removeService, serviceValues } from './service.edit.ts';
import { registerSimulator } from './simulator/routes.tsx';
import { ClosuresPage } from './views/closures.tsx';
import { paths } from './views/common.tsx';
import { HoursPage } from './views/hours-form.tsx';
import { MenuFormPage, NewMenuPage, RemovePage } from './views/menu-form.tsx';
import { OverviewPage } from './views/overview.tsx';
import { ProviderPage } from './views/provider-page.tsx';
import { NewServicePage, ServiceFormPage } from './views/service-form.tsx';
import { GeneralPage, RetentionPage } from './views/settings-forms.tsx';

const lineParams = z.object({ lineId: z.string().max(100) });
const menuParams = lineParams.extend({ menuKey: z.string().max(100) });
const serviceParams = lineParams.extend({ serviceKey: z.string().max(100) });

/** What a page of the flow editor is given to render its form. */
type FormContext = {
  line: Line;
  form: FormState;
  version: string;
  csrfToken: string;
  extras: ConfigurationExtras;
};

/**
 * The admin of a line (issue 7, scope 6): the configuration at a glance, then one form per part of the
 * flow (menus, services, hours, closures, settings) and the retention settings. Each form is shown
 * again as typed when refused; a save returns to the overview. The call simulator is in simulator/.
 */
export async function registerAdmin(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const open = (request: FastifyRequest, lineId: string) =>
    openLineToConfigure(db, callerOf(request), lineId);

  web.get(paths.overview(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const line = await open(request, request.params.lineId);
    const extras = await configurationExtras(db, line);
    return reply.page(
      `Configuration – ${line.name}`,
      <OverviewPage
        line={line}
        problems={flowProblems(line.flow)}
        texts={extras.texts}
        silentPrompts={extras.silentPrompts}
        appointmentTypes={extras.appointmentTypes}
      />,
    );
  });

  /**
   * One form of the flow editor: GET shows it filled from the saved flow; POST saves through the edit
   * and returns to the overview, or shows the form again with the values typed and the messages
   * (400; 409 when the line changed meanwhile, with the new version so that saving again is possible).
   */
  function flowForm<P extends { lineId: string }>(options: {
    path: string;
    params: z.ZodType<P>;
    title: (line: Line, params: P) => string;
    /** Undefined: the menu or service named in the URL does not exist. */
    values: (line: Line, params: P) => FormValues | undefined;
    edit: (line: Line, params: P, extras: ConfigurationExtras) => FlowEdit;
    saved: (line: Line, params: P) => string;
    /** Where a save leads: the overview unless said otherwise. */
    next?: (line: Line, params: P) => string;
    render: (context: FormContext, params: P) => VNode;
  }) {
    web.get(options.path, { schema: { params: options.params } }, async (request, reply) => {
      const params = request.params as P;
      const line = await open(request, params.lineId);
      const values = options.values(line, params);
      if (!values) throw notFound();
      const extras = await configurationExtras(db, line);
      const context = {
        line,
        form: emptyForm(values),
        version: versionOf(line),
        csrfToken: reply.csrfToken(),
        extras,
      };
      return reply.page(options.title(line, params), options.render(context, params));
    });
    web.post(options.path, { schema: { params: options.params } }, async (request, reply) => {
      const params = request.params as P;
      const line = await open(request, params.lineId);
      if (!options.values(line, params)) throw notFound();
      const extras = await configurationExtras(db, line);
      const values = postedValues(request.body);
      const edit = options.edit(line, params, extras);
      const result = await changeLineFlow(
        db,
        callerOf(request),
        line,
        values.version,
        edit,
        values,
        new Date(),
      );
      if (result.ok) {
        reply.flash('success', options.saved(line, params));
        return reply.redirect(options.next?.(line, params) ?? paths.overview(line.id), 303);
      }
      const context = await refused(line, values, result, reply.csrfToken(), extras);
      return reply.page(
        options.title(line, params),
        options.render(context, params),
        result.conflict ? 409 : 400,
      );
    });
  }

  /** The form again as typed; after a conflict, with the version now saved. */
  async function refused(
    line: Line,
    values: FormValues,
    result: Extract<SaveResult, { ok: false }>,
    csrfToken: string,
    extras: ConfigurationExtras,
  ): Promise<FormContext> {
    const current = result.conflict ? ((await findLine(db, line.id)) ?? line) : line;
    return {
      line: current,
      form: { values, errors: result.errors },
      version: result.conflict ? versionOf(current) : (values.version ?? versionOf(line)),
      csrfToken,
      extras,
    };
  }

  // ——— Line: retention settings (columns of the line, not the flow) ———

  web.get(paths.retention(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const line = await open(request, request.params.lineId);
    return reply.page(
      'Durées de conservation',
      <RetentionPage
        line={line}
        form={emptyForm(retentionValues(line))}
        version={versionOf(line)}
        csrfToken={reply.csrfToken()}
      />,
    );
  });
  web.post(paths.retention(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const line = await open(request, request.params.lineId);
    const values = postedValues(request.body);
    const result = await changeRetention(db, callerOf(request), line, values.version, values, new Date());
    if (result.ok) {
      reply.flash('success', 'Durées enregistrées.');
      return reply.redirect(paths.overview(line.id), 303);
    }
    const context = await refused(line, values, result, reply.csrfToken(), {
      texts: {},
      silentPrompts: [],
      appointmentTypes: [],
    });
    return reply.page('Durées de conservation', <RetentionPage {...context} />, result.conflict ? 409 : 400);
  });

  // ——— Line: the hosted provider's webhook secret ———

  const providerPage = (line: Line, form: FormState, csrfToken: string) => (
    <ProviderPage
      line={{ ...line, configured: line.webhookSecret !== null }}
      baseUrl={platform.config.baseUrl}
      form={form}
      csrfToken={csrfToken}
    />
  );
  web.get(paths.provider(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const line = await open(request, request.params.lineId);
    return reply.page('Fournisseur hébergé', providerPage(line, emptyForm({}), reply.csrfToken()));
  });
  web.post(paths.provider(':lineId'), { schema: { params: lineParams } }, async (request, reply) => {
    const line = await open(request, request.params.lineId);
    const result = await changeProviderSecret(
      db,
      callerOf(request),
      line,
      postedValues(request.body),
      new Date(),
    );
    if (result.ok) {
      reply.flash(
        'success',
        result.cleared ? 'Jeton effacé : les webhooks sont refusés.' : 'Jeton enregistré.',
      );
      return reply.redirect(paths.overview(line.id), 303);
    }
    return reply.page(
      'Fournisseur hébergé',
      providerPage(line, { values: {}, errors: result.errors }, reply.csrfToken()),
      400,
    );
  });

  // ——— Flow ———

  flowForm({
    path: paths.general(':lineId'),
    params: lineParams,
    title: () => 'Réglages du parcours',
    values: (line) => generalValues(line.flow),
    edit: () => editGeneral(),
    saved: () => 'Réglages du parcours enregistrés.',
    render: (c) => <GeneralPage {...c} flow={c.line.flow} texts={c.extras.texts} />,
  });

  flowForm({
    path: paths.newMenu(':lineId'),
    params: lineParams,
    title: () => 'Ajouter un sous-menu',
    values: () => ({}),
    edit: () => addMenu(),
    saved: () => 'Sous-menu ajouté.',
    render: (c) => <NewMenuPage {...c} flow={c.line.flow} texts={c.extras.texts} />,
  });

  const menuOf = (line: Line, key: string) => line.flow.menus.find((m) => m.key === key);

  flowForm({
    path: paths.menu(':lineId', ':menuKey'),
    params: menuParams,
    title: (_, p) => `Menu « ${p.menuKey} »`,
    values: (line, p) => {
      const menu = menuOf(line, p.menuKey);
      return menu && menuValues(menu);
    },
    edit: (_, p) => editMenu(p.menuKey),
    saved: (_, p) => `Menu « ${p.menuKey} » enregistré.`,
    render: (c, p) => <MenuFormPage {...c} flow={c.line.flow} texts={c.extras.texts} menuKey={p.menuKey} />,
  });

  flowForm({
    path: paths.removeMenu(':lineId', ':menuKey'),
    params: menuParams,
    title: (_, p) => `Supprimer le sous-menu « ${p.menuKey} »`,
    values: (line, p) => (menuOf(line, p.menuKey) ? {} : undefined),
    edit: (_, p) => removeMenu(p.menuKey),
    saved: (_, p) => `Sous-menu « ${p.menuKey} » supprimé.`,
    render: (c, p) => (
      <RemovePage
        line={c.line}
        title={`Supprimer le sous-menu « ${p.menuKey} »`}
        question={`Le sous-menu « ${p.menuKey} » et ses touches seront supprimés du parcours.`}
        action={paths.removeMenu(c.line.id, p.menuKey)}
        errors={c.form.errors}
        version={c.version}
        csrfToken={c.csrfToken}
        texts={c.extras.texts}
        promptKey={menuOf(c.line, p.menuKey)?.prompt}
        freedKeys={keysLeadingTo(c.line.flow, { menu: p.menuKey })}
      />
    ),
  });

  flowForm({
    path: paths.newService(':lineId'),
    params: lineParams,
    title: () => 'Ajouter un service',
    values: () => ({
      sonnerie: '25',
      feries: 'on',
      'debordement-1': 'rappel',
      'debordement-2': 'messagerie',
    }),
    edit: (_, __, extras) => addService(extras.appointmentTypes),
    saved: () => 'Service ajouté.',
    render: (c) => (
      <NewServicePage
        {...c}
        flow={c.line.flow}
        texts={c.extras.texts}
        appointmentTypes={c.extras.appointmentTypes}
      />
    ),
  });

  const serviceOf = (line: Line, key: string) => line.flow.services.find((s) => s.key === key);

  flowForm({
    path: paths.service(':lineId', ':serviceKey'),
    params: serviceParams,
    title: (line, p) => `Service ${serviceOf(line, p.serviceKey)?.name ?? p.serviceKey}`,
    values: (line, p) => {
      const service = serviceOf(line, p.serviceKey);
      return service && serviceValues(service);
    },
    edit: (_, p, extras) => editService(p.serviceKey, extras.appointmentTypes),
    saved: (line, p) => `Service ${serviceOf(line, p.serviceKey)?.name ?? p.serviceKey} enregistré.`,
    render: (c, p) => (
      <ServiceFormPage
        {...c}
        flow={c.line.flow}
        texts={c.extras.texts}
        appointmentTypes={c.extras.appointmentTypes}
        serviceKey={p.serviceKey}
        serviceName={serviceOf(c.line, p.serviceKey)?.name ?? p.serviceKey}
      />
    ),
  });

  flowForm({
    path: paths.removeService(':lineId', ':serviceKey'),
    params: serviceParams,
    title: (_, p) => `Supprimer le service ${p.serviceKey}`,
    values: (line, p) => (serviceOf(line, p.serviceKey) ? {} : undefined),
    edit: (_, p) => removeService(p.serviceKey),
    saved: (_, p) => `Service ${p.serviceKey} supprimé.`,
    render: (c, p) => (
      <RemovePage
        line={c.line}
        title={`Supprimer le service ${serviceOf(c.line, p.serviceKey)?.name ?? p.serviceKey}`}
        question="Le service sera retiré du parcours. Ses appels passés et ses tickets restent dans les statistiques."
        action={paths.removeService(c.line.id, p.serviceKey)}
        freedKeys={keysLeadingTo(c.line.flow, { service: p.serviceKey })}
        errors={c.form.errors}
        version={c.version}
        csrfToken={c.csrfToken}
      />
    ),
  });

  flowForm({
    path: paths.hours(':lineId', ':serviceKey'),
    params: serviceParams,
    title: (line, p) => `Horaires – ${serviceOf(line, p.serviceKey)?.name ?? p.serviceKey}`,
    values: (line, p) => {
      const service = serviceOf(line, p.serviceKey);
      return service && hoursValues(service);
    },
    edit: (_, p) => editHours(p.serviceKey),
    saved: (line, p) =>
      `Horaires du service ${serviceOf(line, p.serviceKey)?.name ?? p.serviceKey} enregistrés.`,
    render: (c, p) => <HoursPage {...c} service={serviceOf(c.line, p.serviceKey)!} />,
  });

  // Closures: the page lists them (each with its « Retirer » form) above the form that adds one.
  const closuresPage = (c: FormContext, key: string, removeError?: string) => (
    <ClosuresPage
      {...c}
      service={serviceOf(c.line, key)!}
      otherServices={c.line.flow.services.length - 1}
      removeError={removeError}
    />
  );
  flowForm({
    path: paths.closures(':lineId', ':serviceKey'),
    params: serviceParams,
    title: (line, p) => `Fermetures – ${serviceOf(line, p.serviceKey)?.name ?? p.serviceKey}`,
    values: (line, p) => (serviceOf(line, p.serviceKey) ? {} : undefined),
    edit: (_, p) => addClosure(p.serviceKey),
    saved: () => 'Fermeture ajoutée.',
    next: (line, p) => paths.closures(line.id, p.serviceKey),
    render: (c, p) => closuresPage(c, p.serviceKey),
  });
  web.post(
    paths.removeClosure(':lineId', ':serviceKey'),
    { schema: { params: serviceParams } },
    async (request, reply) => {
      const line = await open(request, request.params.lineId);
      const key = request.params.serviceKey;
      if (!serviceOf(line, key)) throw notFound();
      const values = postedValues(request.body);
      const result = await changeLineFlow(
        db,
        callerOf(request),
        line,
        values.version,
        removeClosure(key),
        values,
        new Date(),
      );
      if (result.ok) {
        reply.flash('success', 'Fermeture retirée.');
        return reply.redirect(paths.closures(line.id, key), 303);
      }
      const extras = await configurationExtras(db, line);
      const context = await refused(line, values, result, reply.csrfToken(), extras);
      return reply.page(
        `Fermetures – ${serviceOf(line, key)?.name ?? key}`,
        closuresPage({ ...context, form: emptyForm() }, key, Object.values(result.errors).join(' ')),
        result.conflict ? 409 : 400,
      );
    },
  );

  await registerSimulator(app, platform);
}
