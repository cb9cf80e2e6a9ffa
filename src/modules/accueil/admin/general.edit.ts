import { findDepartement } from '../../../platform/geo/administrative.ts';
import type { FlowDefinition } from '../flow/types.ts';
import type { EditApplied, FlowEdit } from './flow-edit.ts';
import { FieldReader, type FormValues } from './form-reading.ts';

/**
 * The settings of the whole flow (bounds: flow/validate.ts's): the welcome prompt (it tells callers how their data is used), the
 * operator reached with 0, how long a menu waits for a key, how many times it is said again, how long
 * a voicemail may be, and the département whose public holidays close the services.
 */
export const GENERAL_BOUNDS = {
  noInputSeconds: { min: 2, max: 30 },
  maxRepeats: { min: 1, max: 5 },
  voicemailMaxSeconds: { min: 10, max: 300 },
};

export function generalValues(flow: FlowDefinition): FormValues {
  return {
    accueil: flow.welcomePrompt,
    operateur: flow.operatorService ?? '',
    attente: String(flow.noInputSeconds),
    repetitions: String(flow.maxRepeats),
    'messagerie-max': String(flow.voicemailMaxSeconds),
    departement: flow.departement,
  };
}

const GENERAL_FIELDS: Record<string, string> = {
  welcomePrompt: 'accueil',
  operatorService: 'operateur',
  noInputSeconds: 'attente',
  maxRepeats: 'repetitions',
  voicemailMaxSeconds: 'messagerie-max',
  departement: 'departement',
};

export function editGeneral(): FlowEdit {
  return {
    label: 'réglages du parcours',
    apply(flow, values): EditApplied {
      const read = new FieldReader(values);
      const welcomePrompt = read.key('accueil', 'la clé du message d’accueil');
      const operator = read.text('operateur');
      if (operator && !flow.services.some((s) => s.key === operator)) {
        read.fail('operateur', 'Ce service n’existe pas.');
      }
      const { noInputSeconds: n, maxRepeats: r, voicemailMaxSeconds: v } = GENERAL_BOUNDS;
      const noInputSeconds = read.integer('attente', n.min, n.max, 'secondes');
      const maxRepeats = read.integer('repetitions', r.min, r.max, 'répétitions');
      const voicemailMaxSeconds = read.integer('messagerie-max', v.min, v.max, 'secondes');
      const departement = read.text('departement').toUpperCase();
      if (!findDepartement(departement)) {
        read.fail('departement', 'Indiquez le code d’un département, par exemple 83.');
      }
      if (
        !read.ok ||
        !welcomePrompt ||
        noInputSeconds === undefined ||
        maxRepeats === undefined ||
        voicemailMaxSeconds === undefined
      ) {
        return { ok: false, errors: read.errors };
      }
      const { operatorService: _old, ...rest } = flow;
      return {
        ok: true,
        flow: {
          ...rest,
          welcomePrompt,
          ...(operator ? { operatorService: operator } : {}),
          noInputSeconds,
          maxRepeats,
          voicemailMaxSeconds,
          departement,
        },
      };
    },
    fieldOf: (problem) =>
      problem.menu === undefined && problem.service === undefined && problem.rest[0]
        ? GENERAL_FIELDS[problem.rest[0]]
        : undefined,
  };
}
