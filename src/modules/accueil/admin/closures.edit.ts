import type { Closure } from '../flow/types.ts';
import type { EditApplied, FlowEdit } from './flow-edit.ts';
import { FieldReader } from './form-reading.ts';

/**
 * Exceptional closures of a service (days inclusive, Paris): added from a small form, removed one by
 * one. « Tous les services » adds the same closure to every service of the line (the whole UTS shuts).
 */

export const closureLabels = { du: 'Premier jour fermé', au: 'Dernier jour fermé', motif: 'Motif', tous: '' };

const byStart = (a: Closure, b: Closure) =>
  a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1;

export function addClosure(serviceKey: string): FlowEdit {
  return {
    label: `service ${serviceKey} : fermeture ajoutée`,
    apply(flow, values): EditApplied {
      if (!flow.services.some((s) => s.key === serviceKey)) {
        return { ok: false, errors: { _: 'Ce service n’existe plus.' } };
      }
      const read = new FieldReader(values);
      const from = read.day('du', 'Indiquez le premier jour de fermeture, par exemple 24/12/2025.');
      const to = read.day('au', 'Indiquez le dernier jour de fermeture, par exemple 02/01/2026.');
      const reason = read.required(
        'motif',
        'Indiquez le motif de la fermeture (il n’est pas dit aux appelants).',
        200,
      );
      if (from && to && to < from)
        read.fail('au', 'Le dernier jour doit être le premier jour ou un jour après.');
      if (!read.ok || !from || !to || !reason) return { ok: false, errors: read.errors };
      const closure: Closure = { from, to, reason };
      const everyService = read.checked('tous');
      const services = flow.services.map((s) => {
        if (s.key !== serviceKey && !everyService) return s;
        const already = s.closures.some((c) => c.from === from && c.to === to);
        return already ? s : { ...s, closures: [...s.closures, closure].sort(byStart) };
      });
      return { ok: true, flow: { ...flow, services } };
    },
    fieldOf: () => undefined,
  };
}

/** The closure is named by its days as shown: a concurrent change is caught by the version check anyway. */
export function removeClosure(serviceKey: string): FlowEdit {
  return {
    label: `service ${serviceKey} : fermeture retirée`,
    apply(flow, values): EditApplied {
      const service = flow.services.find((s) => s.key === serviceKey);
      if (!service) return { ok: false, errors: { _: 'Ce service n’existe plus.' } };
      const read = new FieldReader(values);
      const from = read.text('du');
      const to = read.text('au');
      const kept = service.closures.filter((c) => !(c.from === from && c.to === to));
      if (kept.length === service.closures.length) {
        return { ok: false, errors: { _: 'Cette fermeture n’existe plus.' } };
      }
      const services = flow.services.map((s) => (s.key === serviceKey ? { ...s, closures: kept } : s));
      return { ok: true, flow: { ...flow, services } };
    },
    fieldOf: () => undefined,
  };
}
