import { randomBytes } from 'node:crypto';
import { recordAudit } from '../../audit/audit.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { transactionDb } from '../../jobs/boss.ts';
import type { Platform } from '../../platform.ts';
import type { Caller } from '../../tenancy/caller.ts';
import { appointmentJson, participantJson } from '../appointment-view.ts';
import type { ParticipationDetails } from '../appointments.repository.ts';
import { canSchedule } from '../policy.ts';
import type { AppointmentEvent } from '../types.ts';
import { WEBHOOK_QUEUE } from './delivery.job.ts';
import {
  findEndpointOf,
  insertDeliveries,
  insertEndpoint,
  listActiveEndpointsOf,
  listEndpointsOf,
  listRecentDeliveriesOf,
  setEndpointActive,
  type WebhookEndpoint,
} from './webhooks.repository.ts';

/**
 * Organisations' webhooks: an admin registers an address; every appointment event of the
 * organisation is then POSTed there, signed (signature.ts), by the job queue (delivery.job.ts).
 */

/** The JSON body POSTed for one event (see signature.ts for the headers). */
export type WebhookBody = {
  event: AppointmentEvent['kind'];
  occurredAt: string;
  data: {
    appointment: ReturnType<typeof appointmentJson>;
    participant: ReturnType<typeof participantJson>;
    by: AppointmentEvent['by'];
    previous?: { startsAt: string; placeId: string | null; agentId: string };
    fromStatus?: string;
    toStatus?: string;
  };
};

export function webhookBody(event: AppointmentEvent, details: ParticipationDetails): WebhookBody {
  return {
    event: event.kind,
    occurredAt: event.at.toISOString(),
    data: {
      appointment: appointmentJson(details),
      participant: participantJson(details),
      by: event.by,
      ...(event.previous
        ? {
            previous: {
              startsAt: event.previous.startsAt.toISOString(),
              placeId: event.previous.placeId,
              agentId: event.previous.agentId,
            },
          }
        : {}),
      ...(event.fromStatus ? { fromStatus: event.fromStatus } : {}),
      ...(event.toStatus ? { toStatus: event.toStatus } : {}),
    },
  };
}

/**
 * One delivery row per active endpoint of the organisation, and its job, in the caller's transaction:
 * the calls exist if and only if the change commits.
 */
export async function queueWebhookDeliveries(
  tx: Db,
  platform: Platform,
  event: AppointmentEvent,
  details: ParticipationDetails,
): Promise<void> {
  const endpoints = await listActiveEndpointsOf(tx, details.organisation.id);
  if (!endpoints.length) return;
  const payload = webhookBody(event, details);
  const deliveries = await insertDeliveries(
    tx,
    endpoints.map((endpoint) => ({ endpointId: endpoint.id, event: event.kind, payload })),
  );
  for (const delivery of deliveries) {
    await platform.messaging.boss.send(WEBHOOK_QUEUE, { deliveryId: delivery.id }, { db: transactionDb(tx) });
  }
}

/** Why an address cannot be registered, or null. Production calls only https addresses. */
export function webhookUrlProblem(url: string, production: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Saisissez une adresse web complète, par exemple https://logiciel.exemple.fr/tremplin/webhooks.';
  }
  if (url.length > 500) return 'Cette adresse est trop longue (500 caractères au plus).';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && !production)) {
    return 'L’adresse doit commencer par https:// : les appels contiennent des données personnelles.';
  }
  if (parsed.username || parsed.password) {
    return 'L’adresse ne doit pas contenir d’identifiant ni de mot de passe : la signature authentifie les appels.';
  }
  return null;
}

function requireConfigure(caller: Caller, organisationId: string): void {
  if (!canSchedule(caller.actor, 'scheduling.view', { organisationId })) throw notFound();
  if (!canSchedule(caller.actor, 'scheduling.configure', { organisationId })) {
    throw forbidden('Seuls les administrateurs de l’organisation gèrent ses webhooks.');
  }
}

export async function webhookOverview(db: Db, caller: Caller, organisationId: string) {
  requireConfigure(caller, organisationId);
  const [endpoints, deliveries] = await Promise.all([
    listEndpointsOf(db, organisationId),
    listRecentDeliveriesOf(db, organisationId, 50),
  ]);
  // Deliveries carry people's names: reading the list is audited.
  await recordAudit(db, caller.audit, {
    action: 'list',
    resourceType: 'webhook_delivery',
    organisationId,
    details: { count: deliveries.length },
  });
  return { endpoints: endpoints.map(({ secret: _secret, ...endpoint }) => endpoint), deliveries };
}

/** Registers an address; the secret is returned here only (the page shows it once). */
export async function registerWebhookEndpoint(
  db: Db,
  caller: Caller,
  input: { organisationId: string; url: string; production: boolean },
): Promise<{ endpoint: Omit<WebhookEndpoint, 'secret'>; secret: string }> {
  requireConfigure(caller, input.organisationId);
  const url = input.url.trim();
  const problem = webhookUrlProblem(url, input.production);
  if (problem) throw invalid({ url: problem });
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const { secret: _secret, ...endpoint } = await insertEndpoint(tx, {
      organisationId: input.organisationId,
      url,
      secret,
    });
    await recordAudit(tx, caller.audit, {
      action: 'create',
      resourceType: 'webhook_endpoint',
      resourceId: endpoint.id,
      organisationId: input.organisationId,
      details: { url },
    });
    return { endpoint, secret };
  });
}

/** Stops calling an address; deliveries still waiting are given up when their job runs. */
export async function disableWebhookEndpoint(
  db: Db,
  caller: Caller,
  input: { organisationId: string; endpointId: string },
): Promise<{ url: string; alreadyDisabled: boolean }> {
  requireConfigure(caller, input.organisationId);
  return db.transaction(async (tx) => {
    const endpoint = await findEndpointOf(tx, input.organisationId, input.endpointId);
    if (!endpoint) throw notFound('Cette adresse n’existe pas ou vous n’y avez pas accès.');
    if (!endpoint.active) return { url: endpoint.url, alreadyDisabled: true };
    await setEndpointActive(tx, endpoint.id, false);
    await recordAudit(tx, caller.audit, {
      action: 'update',
      resourceType: 'webhook_endpoint',
      resourceId: endpoint.id,
      organisationId: input.organisationId,
      details: { active: false },
    });
    return { url: endpoint.url, alreadyDisabled: false };
  });
}
