import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/audit/audit.ts';
import { unauthenticated } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Caller } from '../../../platform/tenancy/caller.ts';
import { emptyForm } from '../../../platform/web/components.tsx';
import { parseForm } from '../../../platform/web/forms.ts';
import { MessagePage } from '../../../platform/web/pages.tsx';
import { openBeneficiary } from '../access.ts';
import { exportPersonalData } from './export.service.ts';
import { beneficiaryParams, exportQuery, settingsForm } from './schemas.ts';
import { changeRsaSettings, openRsaSettings } from './settings.service.ts';
import { ExportPage } from './views/export.tsx';
import { ConfirmNirErasePage, SETTINGS_PATH, SettingsPage, settingsValues } from './views/settings.tsx';

function callerOf(request: FastifyRequest): Caller {
  if (!request.auth) throw unauthenticated();
  return { actor: request.auth.actor, audit: actorOf(request) };
}

/** Posted values as typed, to show them again. */
function postedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) if (key !== '_csrf') values[key] = String(value ?? '');
  }
  return values;
}

/** The RSA settings of an organisation (its admins) and one person's data export (audited). */
export async function registerPrivacy(app: FastifyInstance, platform: Platform): Promise<void> {
  const { db } = platform.database;
  const web = app.withTypeProvider<ZodTypeProvider>();

  const noOrganisation = () => (
    <MessagePage title="Paramètres RSA">
      <p class="fr-text--lead">Vous n’êtes membre d’aucune organisation : il n’y a rien à régler ici.</p>
    </MessagePage>
  );

  web.get(SETTINGS_PATH, async (request, reply) => {
    const caller = callerOf(request);
    const opened = await openRsaSettings(db, caller, request.auth?.currentOrganisation ?? null);
    if (!opened) return reply.page('Paramètres RSA', noOrganisation());
    return reply.page(
      'Paramètres RSA',
      <SettingsPage
        organisationName={opened.organisation.name}
        form={emptyForm(settingsValues(opened.settings))}
        storedNirs={opened.storedNirs}
        nirEnabled={opened.settings.nirEnabled}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  web.post(SETTINGS_PATH, async (request, reply) => {
    const caller = callerOf(request);
    const opened = await openRsaSettings(db, caller, request.auth?.currentOrganisation ?? null);
    if (!opened) return reply.page('Paramètres RSA', noOrganisation());
    const parsed = parseForm(settingsForm, request.body);
    if (!parsed.ok) {
      return reply.page(
        'Paramètres RSA',
        <SettingsPage
          organisationName={opened.organisation.name}
          form={parsed.form}
          storedNirs={opened.storedNirs}
          nirEnabled={opened.settings.nirEnabled}
          csrfToken={reply.csrfToken()}
        />,
        400,
      );
    }
    const { settings, confirmed } = parsed.data;
    const outcome = await changeRsaSettings(db, caller, opened.organisation, settings, confirmed, new Date());
    if (outcome.kind === 'confirm') {
      return reply.page(
        'Effacer les NIR ?',
        <ConfirmNirErasePage
          organisationName={opened.organisation.name}
          values={postedValues(request.body)}
          storedNirs={outcome.storedNirs}
          csrfToken={reply.csrfToken()}
        />,
      );
    }
    reply.flash(
      'success',
      outcome.erasedNirs > 0
        ? `Paramètres enregistrés. ${outcome.erasedNirs.toLocaleString('fr-FR')} NIR effacé${outcome.erasedNirs > 1 ? 's' : ''}.`
        : 'Paramètres enregistrés.',
    );
    return reply.redirect(SETTINGS_PATH, 303);
  });

  web.get(
    '/rsa/beneficiaires/:id/donnees',
    { schema: { params: beneficiaryParams, querystring: exportQuery } },
    async (request, reply) => {
      const caller = callerOf(request);
      const beneficiary = await openBeneficiary(db, caller, request.params.id, 'rsa.manage');
      const json = request.query.format === 'json';
      const data = await exportPersonalData(db, caller, beneficiary, json ? 'json' : 'page', new Date());
      if (json) {
        const day = data.exporteLe.slice(0, 10);
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="donnees-rsa-${beneficiary.id}-${day}.json"`)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(data, null, 2));
      }
      return reply.page(
        `Données personnelles – ${beneficiary.firstName} ${beneficiary.lastName}`,
        <ExportPage beneficiaryId={beneficiary.id} data={data} />,
      );
    },
  );
}
