import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../flow/types.ts';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import { addClosure, removeClosure } from './closures.edit.ts';
import type { EditApplied } from './flow-edit.ts';
import { flowChanges } from './flow-edit.ts';
import { addedProblems, flowProblems, locateProblem } from './flow-problems.ts';
import { FieldReader, readTime } from './form-reading.ts';
import { editGeneral, generalValues } from './general.edit.ts';
import { editHours, hoursValues, readHours } from './hours.edit.ts';
import { addMenu, editMenu, menuValues, removeMenu } from './menu.edit.ts';
import { editService, removeService, serviceValues } from './service.edit.ts';

const flowOf = (result: EditApplied): FlowDefinition => {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.flow;
};
const errorsOf = (result: EditApplied) => (result.ok ? {} : result.errors);

describe('reading the forms', () => {
  it.each([
    ['8:30', '08:30'],
    ['08:30', '08:30'],
    ['8h30', '08:30'],
    ['8 h', '08:00'],
    ['12h', '12:00'],
    ['24:00', '24:00'],
  ])('reads the time %s as %s', (typed, time) => {
    expect(readTime(typed)).toBe(time);
  });

  it.each(['25:00', '8:75', 'midi', '24:30'])('refuses the time %s', (typed) => {
    expect(readTime(typed)).toBeUndefined();
  });

  it('reads days in ISO or French form and refuses days that do not exist', () => {
    const read = new FieldReader({ a: '2025-12-24', b: '24/12/2025', c: '2025-02-30' });
    expect(read.day('a', 'x')).toBe('2025-12-24');
    expect(read.day('b', 'x')).toBe('2025-12-24');
    expect(read.day('c', 'jour inexistant')).toBeUndefined();
    expect(read.errors).toEqual({ c: 'jour inexistant' });
  });
});

describe('opening hours', () => {
  it('reads each day’s ranges in order, and round-trips the saved hours', () => {
    const service = utsLaSeyneFlow().services[0]!;
    const read = new FieldReader(hoursValues(service));
    expect(readHours(read)).toEqual(service.hours);
    expect(read.ok).toBe(true);
    const swapped = new FieldReader({
      'jour-1-1-debut': '14:00',
      'jour-1-1-fin': '17:00',
      'jour-1-2-debut': '09:00',
      'jour-1-2-fin': '12:00',
    });
    expect(readHours(swapped)).toEqual({
      1: [
        { from: '09:00', to: '12:00' },
        { from: '14:00', to: '17:00' },
      ],
    });
  });

  it('refuses a range with one end, backwards, or overlapping another (on the later one)', () => {
    const read = new FieldReader({
      'jour-1-1-debut': '09:00',
      'jour-2-1-debut': '12:00',
      'jour-2-1-fin': '09:00',
      'jour-3-1-debut': '08:30',
      'jour-3-1-fin': '12:00',
      'jour-3-2-debut': '13:30',
      'jour-3-2-fin': '17:00',
      'jour-3-3-debut': '11:00',
      'jour-3-3-fin': '14:00',
      'jour-4-1-debut': 'midi',
      'jour-4-1-fin': '14:00',
    });
    readHours(read);
    expect(read.errors).toEqual({
      'jour-1-1-fin': 'Indiquez l’heure de fin de cette plage.',
      'jour-2-1-fin': 'L’heure de fin doit être après l’heure de début.',
      'jour-3-3-debut': 'Cette plage chevauche celle de 8 h 30 – 12 h.',
      'jour-4-1-debut': 'Écrivez une heure comme 08:30.',
    });
  });

  it('saves the hours and the public holidays setting of one service only', () => {
    const flow = utsLaSeyneFlow();
    const next = flowOf(editHours('ase').apply(flow, { 'jour-1-1-debut': '09:00', 'jour-1-1-fin': '12:00' }));
    expect(next.services[1]).toMatchObject({
      hours: { 1: [{ from: '09:00', to: '12:00' }] },
      closedOnPublicHolidays: false,
    });
    expect(next.services[0]).toEqual(flow.services[0]);
  });
});

describe('menus', () => {
  it('round-trips a menu through its form', () => {
    const flow = utsLaSeyneFlow();
    expect(flowOf(editMenu('principal').apply(flow, menuValues(flow.menus[0]!)))).toEqual(flow);
  });

  it('refuses keys leading to unknown targets or to their own menu', () => {
    const flow = utsLaSeyneFlow();
    const result = editMenu('principal').apply(flow, {
      prompt: 'menu-principal',
      'option-1': 'service:inconnu',
      'option-2': 'menu:principal',
      'option-3': 'autre',
    });
    expect(errorsOf(result)).toEqual({
      'option-1': 'Ce service n’existe pas.',
      'option-2': 'Une touche ne peut pas mener au menu où elle est proposée.',
      'option-3': 'Choisissez un sous-menu, un service ou rien.',
    });
  });

  it('adds a sub-menu on a free key of its parent, and refuses a key already taken', () => {
    const flow = utsLaSeyneFlow();
    const taken = addMenu().apply(flow, {
      key: 'familles',
      prompt: 'menu-familles',
      'parent-menu': 'principal',
      'parent-touche': '1',
    });
    expect(errorsOf(taken)['parent-touche']).toContain(
      'La touche 1 du menu « principal » mène déjà ailleurs',
    );
    const next = flowOf(
      addMenu().apply(flow, {
        key: 'familles',
        prompt: 'menu-familles',
        'parent-menu': 'principal',
        'parent-touche': '4',
        'option-1': 'service:ase',
      }),
    );
    expect(next.menus[0]!.options['4']).toEqual({ menu: 'familles' });
    expect(next.menus[1]).toEqual({
      key: 'familles',
      prompt: 'menu-familles',
      options: { '1': { service: 'ase' } },
    });
    expect(flowProblems(next)).toEqual([]);
    // Removing it frees key 4 again.
    expect(flowOf(removeMenu('familles').apply(next, {}))).toEqual(flow);
  });
});

describe('services', () => {
  it('round-trips a service through its form', () => {
    const flow = utsLaSeyneFlow();
    for (const service of flow.services) {
      expect(flowOf(editService(service.key, []).apply(flow, serviceValues(service)))).toEqual(flow);
    }
  });

  it('checks the booking link: a real commune, an appointment type of the organisation', () => {
    const flow = utsLaSeyneFlow();
    const values = serviceValues(flow.services[0]!);
    expect(
      errorsOf(editService('aspi', []).apply(flow, { ...values, 'rdv-commune': '99999' }))['rdv-commune'],
    ).toContain('ne correspond à aucune commune');
    expect(errorsOf(editService('aspi', []).apply(flow, { ...values, 'rdv-motif': 'x' }))['rdv-motif']).toBe(
      'Choisissez un motif de rendez-vous de votre organisation.',
    );
    const types = [{ id: 'type-1', name: 'Premier accueil' }];
    const next = flowOf(editService('aspi', types).apply(flow, { ...values, 'rdv-motif': 'type-1' }));
    expect(next.services[0]!.booking).toEqual({ commune: '83126', appointmentTypeId: 'type-1' });
    const sms = editService('aspi', []).apply(flow, { ...values, sms: '' });
    expect(errorsOf(sms).sms).toBe('Écrivez le texte du SMS, puisque le SMS est proposé aux appelants.');
  });

  it('removes a service and the keys leading to it, not the 0 key’s', () => {
    const flow = utsLaSeyneFlow();
    const next = flowOf(removeService('ase').apply(flow, {}));
    expect(next.services.map((s) => s.key)).toEqual(['aspi', 'pole-accueil']);
    expect(next.menus[0]!.options).toEqual({ '1': { service: 'aspi' }, '3': { service: 'pole-accueil' } });
    expect(errorsOf(removeService('pole-accueil').apply(flow, {}))._).toContain('touche 0');
  });
});

describe('closures', () => {
  it('adds a closure to one service or to all, sorted, and removes it by its days', () => {
    const flow = utsLaSeyneFlow();
    const one = flowOf(addClosure('aspi').apply(flow, { du: '2025-12-26', au: '2025-12-26', motif: 'Pont' }));
    const both = flowOf(
      addClosure('aspi').apply(one, { du: '2025-08-11', au: '2025-08-15', motif: 'Été', tous: 'on' }),
    );
    expect(both.services[0]!.closures.map((c) => c.from)).toEqual(['2025-08-11', '2025-12-26']);
    expect(both.services[1]!.closures.map((c) => c.from)).toEqual(['2025-08-11']);
    const removed = flowOf(removeClosure('aspi').apply(both, { du: '2025-12-26', au: '2025-12-26' }));
    expect(removed.services[0]!.closures.map((c) => c.from)).toEqual(['2025-08-11']);
    expect(errorsOf(removeClosure('aspi').apply(removed, { du: '2025-12-26', au: '2025-12-26' }))._).toBe(
      'Cette fermeture n’existe plus.',
    );
  });
});

describe('flow settings', () => {
  it('round-trips and checks the bounds of validate.ts', () => {
    const flow = utsLaSeyneFlow();
    expect(flowOf(editGeneral().apply(flow, generalValues(flow)))).toEqual(flow);
    const wrong = editGeneral().apply(flow, {
      ...generalValues(flow),
      repetitions: '0',
      'messagerie-max': '301',
      departement: '00',
    });
    expect(errorsOf(wrong)).toEqual({
      repetitions: 'Indiquez un nombre de répétitions entre 1 et 5.',
      'messagerie-max': 'Indiquez un nombre de secondes entre 10 et 300.',
      departement: 'Indiquez le code d’un département, par exemple 83.',
    });
    const noOperator = flowOf(editGeneral().apply(flow, { ...generalValues(flow), operateur: '' }));
    expect('operatorService' in noOperator).toBe(false);
  });
});

describe('problems and changes', () => {
  it('finds only the problems a change adds, by key', () => {
    const broken = utsLaSeyneFlow();
    broken.services[1]!.hours = {};
    const worse = structuredClone(broken);
    worse.menus[0]!.options = {};
    expect(addedProblems(broken, broken)).toEqual([]);
    expect(addedProblems(broken, worse).map((p) => p.path)).toEqual(['menus.principal.options']);
    expect(locateProblem({ path: 'services.aspi.hours.1.0', message: 'm' })).toMatchObject({
      service: 'aspi',
      rest: ['hours', '1', '0'],
    });
  });

  it('lists what changed, with menus and services named by key', () => {
    const before = utsLaSeyneFlow();
    const after = structuredClone(before);
    after.services[0]!.transferTo = '+33494123456';
    after.menus[0]!.options['4'] = { service: 'ase' };
    after.noInputSeconds = 8;
    expect(flowChanges(before, after)).toEqual([
      { path: 'menus.principal.options.4', before: null, after: { service: 'ase' } },
      { path: 'services.aspi.transferTo', before: 'sip:aspi@127.0.0.1:5091', after: '+33494123456' },
      { path: 'noInputSeconds', before: 6, after: 8 },
    ]);
  });
});
