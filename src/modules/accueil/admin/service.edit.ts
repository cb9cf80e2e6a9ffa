import { findCommune } from '../../../platform/geo/administrative.ts';
import type { FlowDefinition, OptionDigit, OverflowChoice, ServiceDefinition } from '../flow/types.ts';
import type { EditApplied, FlowEdit } from './flow-edit.ts';
import type { LocatedProblem } from './flow-problems.ts';
import { FieldReader, type FormValues } from './form-reading.ts';
import { HOLIDAYS_FIELD, hoursField, readHours } from './hours.edit.ts';
import { OPTION_DIGITS, withoutKeysTo } from './menu.edit.ts';
import { normaliseTransferTarget } from './phone.ts';

/**
 * A service: its name, where its calls are transferred and for how long it rings, what the caller is
 * offered when nobody answers or it is closed (in order), the prompt said when closed, the SMS text
 * and its booking link. A new service comes with its opening hours and, optionally, the menu key that
 * leads to it, so that it is valid and reachable from its first save.
 */

export const OVERFLOW_CHOICES: OverflowChoice[] = ['rappel', 'messagerie', 'sms'];
export const OVERFLOW_LABELS: Record<OverflowChoice, string> = {
  rappel: 'être rappelé',
  messagerie: 'laisser un message',
  sms: 'recevoir un SMS (informations et lien de rendez-vous)',
};
export const SMS_MAX = 300;
export const RING_SECONDS = { min: 5, max: 120 };

export type AppointmentTypeChoice = { id: string; name: string };

export function serviceValues(service: ServiceDefinition): FormValues {
  const values: FormValues = {
    nom: service.name,
    cle: service.key,
    transfert: service.transferTo,
    sonnerie: String(service.ringSeconds),
    'message-ferme': service.closedPrompt,
    sms: service.smsText,
    'rdv-commune': service.booking?.commune ?? '',
    'rdv-motif': service.booking?.appointmentTypeId ?? '',
  };
  OVERFLOW_CHOICES.forEach((_, i) => {
    values[`debordement-${i + 1}`] = service.overflow[i] ?? '';
  });
  return values;
}

/** The fields common to a new and an existing service. */
function readService(
  read: FieldReader,
  appointmentTypes: AppointmentTypeChoice[],
): Omit<ServiceDefinition, 'key' | 'hours' | 'closedOnPublicHolidays' | 'closures'> | undefined {
  const name = read.required('nom', 'Indiquez le nom du service, tel que les agents le connaissent.', 120);
  const transfer = normaliseTransferTarget(read.text('transfert'));
  if (!transfer.ok) read.fail('transfert', transfer.message);
  const ringSeconds = read.integer('sonnerie', RING_SECONDS.min, RING_SECONDS.max, 'secondes');
  const overflow: OverflowChoice[] = [];
  OVERFLOW_CHOICES.forEach((_, i) => {
    const field = `debordement-${i + 1}`;
    const choice = read.text(field);
    if (!choice) return;
    if (!OVERFLOW_CHOICES.includes(choice as OverflowChoice)) read.fail(field, 'Choisissez une proposition.');
    else if (overflow.includes(choice as OverflowChoice))
      read.fail(field, 'Ce choix est déjà proposé plus haut.');
    else overflow.push(choice as OverflowChoice);
  });
  const closedPrompt = read.key('message-ferme', 'la clé du message dit quand le service est fermé');
  const smsText = read.text('sms');
  if (smsText.length > SMS_MAX) {
    read.fail('sms', `Le SMS fait ${smsText.length} caractères : ${SMS_MAX} au plus.`);
  } else if (!smsText && overflow.includes('sms')) {
    read.fail('sms', 'Écrivez le texte du SMS, puisque le SMS est proposé aux appelants.');
  }
  const commune = read.text('rdv-commune').toUpperCase();
  const appointmentTypeId = read.text('rdv-motif');
  if (commune && !findCommune(commune)) {
    read.fail(
      'rdv-commune',
      'Ce code INSEE ne correspond à aucune commune (par exemple 83126 pour La Seyne-sur-Mer).',
    );
  } else if (!commune && appointmentTypeId) {
    read.fail('rdv-commune', 'Indiquez la commune où l’appelant prendra rendez-vous.');
  }
  if (appointmentTypeId && !appointmentTypes.some((t) => t.id === appointmentTypeId)) {
    read.fail('rdv-motif', 'Choisissez un motif de rendez-vous de votre organisation.');
  }
  if (!read.ok || !name || !transfer.ok || ringSeconds === undefined || !closedPrompt) return undefined;
  return {
    name,
    transferTo: transfer.value,
    ringSeconds,
    overflow,
    closedPrompt,
    smsText,
    ...(commune ? { booking: { commune, ...(appointmentTypeId ? { appointmentTypeId } : {}) } } : {}),
  };
}

const SERVICE_FIELDS: Record<string, string> = {
  name: 'nom',
  key: 'cle',
  transferTo: 'transfert',
  ringSeconds: 'sonnerie',
  overflow: 'debordement-1',
  closedPrompt: 'message-ferme',
  smsText: 'sms',
  booking: 'rdv-commune',
};

function serviceField(problem: LocatedProblem): string | undefined {
  const [what] = problem.rest;
  return what ? SERVICE_FIELDS[what] : undefined;
}

export function editService(serviceKey: string, appointmentTypes: AppointmentTypeChoice[]): FlowEdit {
  return {
    label: `service ${serviceKey}`,
    apply(flow, values): EditApplied {
      const current = flow.services.find((s) => s.key === serviceKey);
      if (!current) return { ok: false, errors: { _: 'Ce service n’existe plus.' } };
      const read = new FieldReader(values);
      const fields = readService(read, appointmentTypes);
      if (!fields) return { ok: false, errors: read.errors };
      // booking is replaced, not merged: emptying the commune removes the link.
      const { booking: _old, ...rest } = current;
      const services = flow.services.map((s) => (s.key === serviceKey ? { ...rest, ...fields } : s));
      return { ok: true, flow: { ...flow, services } };
    },
    fieldOf: (problem) => (problem.service === serviceKey ? serviceField(problem) : undefined),
  };
}

export function addService(appointmentTypes: AppointmentTypeChoice[]): FlowEdit {
  let added = '';
  let parent = '';
  return {
    label: 'nouveau service',
    apply(flow, values): EditApplied {
      const read = new FieldReader(values);
      const key = read.newKey('cle', 'la clé du service (par exemple « aspi »)');
      if (key && flow.services.some((s) => s.key === key))
        read.fail('cle', 'Un service porte déjà cette clé.');
      const fields = readService(read, appointmentTypes);
      const hours = readHours(read);
      const parentKey = read.text('parent-menu');
      const digit = read.text('parent-touche') as OptionDigit;
      const parentMenu = flow.menus.find((m) => m.key === parentKey);
      if (parentKey && !parentMenu) read.fail('parent-menu', 'Ce menu n’existe pas.');
      if (parentKey && !OPTION_DIGITS.includes(digit)) {
        read.fail('parent-touche', 'Choisissez la touche qui mène à ce service.');
      } else if (!parentKey && digit) {
        read.fail('parent-menu', 'Choisissez le menu où cette touche est proposée.');
      } else if (parentMenu?.options[digit]) {
        read.fail(
          'parent-touche',
          `La touche ${digit} du menu « ${parentMenu.key} » mène déjà ailleurs : choisissez une touche libre.`,
        );
      }
      if (!read.ok || !key || !fields) return { ok: false, errors: read.errors };
      added = key;
      parent = parentMenu?.key ?? '';
      const service: ServiceDefinition = {
        key,
        ...fields,
        hours,
        closedOnPublicHolidays: read.checked(HOLIDAYS_FIELD),
        closures: [],
      };
      const menus = parentMenu
        ? flow.menus.map((m) =>
            m.key === parentMenu.key ? { ...m, options: { ...m.options, [digit]: { service: key } } } : m,
          )
        : flow.menus;
      return { ok: true, flow: { ...flow, menus, services: [...flow.services, service] } };
    },
    fieldOf(problem) {
      if (problem.service === added) return hoursField(problem) ?? serviceField(problem);
      if (parent && problem.menu === parent) return 'parent-touche';
      return undefined;
    },
  };
}

/**
 * Removes a service and frees the menu keys that led to it (the confirmation page names them). The
 * service of the 0 key is changed in the flow's settings first.
 */
export function removeService(serviceKey: string): FlowEdit {
  return {
    label: `suppression du service ${serviceKey}`,
    apply(flow: FlowDefinition): EditApplied {
      if (!flow.services.some((s) => s.key === serviceKey)) {
        return { ok: false, errors: { _: 'Ce service n’existe plus.' } };
      }
      if (flow.operatorService === serviceKey) {
        return {
          ok: false,
          errors: {
            _: 'Ce service répond à la touche 0 : choisissez d’abord un autre service pour la touche 0 dans les réglages du parcours.',
          },
        };
      }
      const menus = withoutKeysTo(flow, { service: serviceKey });
      return {
        ok: true,
        flow: { ...flow, menus, services: flow.services.filter((s) => s.key !== serviceKey) },
      };
    },
    fieldOf: () => undefined,
  };
}
