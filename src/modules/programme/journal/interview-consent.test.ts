import { describe, expect, it } from 'vitest';
import { consentProblems } from './interview-consent.ts';

const base = { consentRecorded: false, consentMode: '', name: '', contact: '' };

describe('the interviewee’s consent', () => {
  it('keeps an anonymous interview without consent', () => {
    expect(consentProblems(base, { anonymised: false })).toEqual({});
  });

  it('refuses a name or a contact without consent', () => {
    const errors = consentProblems(
      { ...base, name: 'Mme Durand', contact: '06 12 34 56 78' },
      { anonymised: false },
    );
    expect(Object.keys(errors).sort()).toEqual(['contact', 'nom']);
    expect(errors.nom).toContain('Sans consentement enregistré');
  });

  it('keeps the name with consent, provided the way it was given is recorded', () => {
    expect(
      consentProblems({ ...base, consentRecorded: true, name: 'Mme Durand' }, { anonymised: false }),
    ).toEqual({ modeConsentement: expect.stringContaining('comment') });
    expect(
      consentProblems(
        { ...base, consentRecorded: true, consentMode: 'oral', name: 'Mme Durand' },
        { anonymised: false },
      ),
    ).toEqual({});
  });

  it('refuses any name once the cohort’s interviews are anonymised, consent or not', () => {
    const errors = consentProblems(
      { consentRecorded: true, consentMode: 'oral', name: 'Mme Durand', contact: '' },
      { anonymised: true },
    );
    expect(errors.nom).toContain('anonymisés');
  });
});
