import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../platform/web/forms.ts';
import { decisionForm, parseCommitteeForm } from './schemas.ts';

const day = '2019-06-04';

describe('the chair’s decision form', () => {
  it.each([
    [{ decision: 'go' }, {}],
    [{ decision: 'provisoire', preuves: 'Trois entretiens', echeance: '2019-07-04' }, {}],
    [{ decision: 'provisoire', preuves: 'Trois entretiens', echeance: '04/08/2019' }, {}],
    [{ decision: 'provisoire', preuves: 'Trois entretiens' }, { echeance: 'Indiquez la date d’échéance.' }],
    [
      { decision: 'provisoire', preuves: 'Trois entretiens', echeance: '2019-07-03' },
      {
        echeance:
          'L’échéance doit tomber entre un et deux mois après le comité : du 04/07/2019 au 04/08/2019.',
      },
    ],
    [
      { decision: 'provisoire', preuves: 'Trois entretiens', echeance: '2019-08-05' },
      {
        echeance:
          'L’échéance doit tomber entre un et deux mois après le comité : du 04/07/2019 au 04/08/2019.',
      },
    ],
    [
      { decision: 'provisoire', echeance: '2019-07-10' },
      { preuves: 'Dites quelles preuves l’équipe doit apporter.' },
    ],
    [
      { decision: 'stop', post_mortem: '  ' },
      {
        post_mortem: 'Écrivez un court post-mortem : ce que l’équipe a appris, pourquoi le projet s’arrête.',
      },
    ],
    [{ decision: 'stop', post_mortem: 'Le problème n’était pas récurrent.' }, {}],
    [{ decision: 'peut-être' }, { decision: 'Choisissez la décision du comité.' }],
  ])('%j → %j', (body, errors) => {
    const parsed = parseForm(decisionForm(day), body);
    expect(parsed.ok ? {} : parsed.form.errors).toEqual(errors);
  });

  it('keeps only the fields of the decision taken', () => {
    const parsed = parseForm(decisionForm(day), {
      decision: 'go',
      preuves: 'oubliée',
      echeance: '2019-07-10',
      post_mortem: 'oublié',
    });
    expect(parsed.ok && parsed.data).toEqual({
      decision: 'go',
      note: '',
      evidenceRequest: '',
      dueOn: null,
      postMortem: '',
    });
  });
});

describe('the committee form', () => {
  const base = {
    titre: 'Comité',
    jour: '04/06/2019',
    heure: '9h30',
    lieu: '',
    membres: 'A@x.fr\nb@x.fr, a@x.fr',
  };

  it('reads the agenda ranks in order, ties in the page’s order, blanks left out', () => {
    const parsed = parseCommitteeForm(
      { ...base, 'ordre-p1': '2', 'ordre-p2': '', 'ordre-p3': '1', 'ordre-p4': '2' },
      ['p1', 'p2', 'p3', 'p4'],
    );
    expect(parsed.ok && parsed.data).toMatchObject({
      jour: '2019-06-04',
      heure: '09:30',
      membres: ['a@x.fr', 'b@x.fr'],
      agenda: ['p3', 'p1', 'p4'],
    });
  });

  it('explains each wrong field and keeps what was typed', () => {
    const parsed = parseCommitteeForm({ ...base, titre: '', membres: 'pas-une-adresse', 'ordre-p1': 'x' }, [
      'p1',
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.form.errors).sort()).toEqual(['membres', 'ordre-p1', 'titre']);
    expect(parsed.form.values['ordre-p1']).toBe('x');
    expect(parsed.form.values.membres).toBe('pas-une-adresse');
  });
});
