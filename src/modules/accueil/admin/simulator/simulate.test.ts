import { describe, expect, it } from 'vitest';
import { localInstant } from '../../flow/hours.ts';
import { utsLaSeyneFlow, utsLaSeynePromptTexts } from '../../flow/uts-la-seyne.ts';
import { spellDigits, spokenText } from './describe.ts';
import {
  advanceSimulation,
  type CallerInput,
  type SimulatedCall,
  startSimulation,
  waitingFor,
} from './simulate.ts';
import { signCall, verifyCall } from './state-token.ts';

const context = { flow: utsLaSeyneFlow(), texts: utsLaSeynePromptTexts, callbackDueHours: 4 };
// Tuesday 3 June 2025, Paris.
const tuesday = (time: string) => localInstant('2025-06-03', time);

function call(at: Date, callerNumber: string | null, ...inputs: CallerInput[]): SimulatedCall {
  let current = startSimulation(context, { at, callerNumber, version: 'v1' });
  for (const input of inputs) current = advanceSimulation(context, current, input);
  return current;
}
const said = (c: SimulatedCall) => c.transcript.map((e) => `${e.who}: ${e.text}`);

describe('the call simulator', () => {
  it('welcomes the caller and says the main menu, then waits for a key', () => {
    const c = call(tuesday('10:00'), '+33612345678');
    expect(said(c)).toEqual([
      'appelant: Appel du 06 12 34 56 78.',
      `serveur: ${utsLaSeynePromptTexts.accueil}`,
      `serveur: ${utsLaSeynePromptTexts['menu-principal']}`,
      'attente: Le serveur attend une touche (6 s).',
    ]);
    expect(waitingFor(context, c)).toEqual({ kind: 'keys', maxDigits: 1, timeoutSeconds: 6 });
  });

  it('transfers on 1 when ASPI is open, and ends « transféré » when the agent answers', () => {
    const c = call(tuesday('10:00'), '+33612345678', { type: 'digit', digit: '1' });
    expect(said(c).slice(-3)).toEqual([
      'appelant: Vous tapez 1.',
      'serveur: Nous vous mettons en relation. Merci de patienter.',
      'effet: L’appel serait transféré au service Action sociale de proximité et insertion (ASPI) (sip:aspi@127.0.0.1:5091) : le poste sonne jusqu’à 25 s.',
    ]);
    expect(waitingFor(context, c)).toEqual({ kind: 'transfer', ringSeconds: 25 });
    const answered = advanceSimulation(context, c, { type: 'answered' });
    expect(said(answered).slice(-2)).toEqual([
      'appelant: L’agent décroche.',
      'effet: Issue de l’appel : transféré, l’agent a répondu.',
    ]);
    expect(waitingFor(context, answered).kind).toBe('connected');
  });

  it('offers the overflow choices when nobody answers, then a callback confirmed by a key', () => {
    const c = call(tuesday('10:00'), '+33612345678', { type: 'digit', digit: '1' }, { type: 'noAnswer' });
    expect(said(c).slice(-4, -2)).toEqual([
      'appelant: Personne ne répond (25 s de sonnerie).',
      'serveur: Personne n’est disponible pour vous répondre pour le moment.',
    ]);
    const offers = said(c).find((line) => line.includes('Pour être rappelé'));
    expect(offers).toBe(
      'serveur: Pour être rappelé par un agent, tapez un. Pour laisser un message, tapez deux. Pour recevoir par SMS nos horaires, notre adresse et un lien pour prendre rendez-vous en ligne, tapez trois. Pour réécouter, tapez étoile.',
    );
    const asked = advanceSimulation(context, c, { type: 'digit', digit: '1' });
    expect(said(asked).at(-2)).toBe(
      'serveur: Nous vous rappellerons au zéro six un deux trois quatre cinq six sept huit. Pour confirmer, tapez 1. Pour donner un autre numéro, tapez 2.',
    );
    const confirmed = advanceSimulation(context, asked, { type: 'digit', digit: '1' });
    // 10:00 + 25 s of ringing + a few seconds of keys, plus 4 working hours: 14:00 + 2 h → 15:30.
    expect(said(confirmed)).toContain(
      'effet: Un ticket de rappel serait créé pour le 06 12 34 56 78 (Action sociale de proximité et insertion (ASPI)), à rappeler avant le mardi 3 juin 2025 à 15 h 30.',
    );
    expect(said(confirmed)).toContain('effet: Issue de l’appel : rappel demandé.');
    expect(waitingFor(context, confirmed).kind).toBe('ended');
  });

  it('says the closed prompt at 20:00 and collects a typed number key by key for a withheld caller', () => {
    const c = call(tuesday('20:00'), null, { type: 'digit', digit: '1' });
    expect(said(c)).toContain(`serveur: ${utsLaSeynePromptTexts['aspi-ferme']}`);
    expect(said(c).some((line) => line.includes('est fermé à ce moment'))).toBe(true);
    let typed = advanceSimulation(context, c, { type: 'digit', digit: '1' });
    expect(waitingFor(context, typed)).toMatchObject({ kind: 'keys', maxDigits: 10 });
    for (const digit of '061234') typed = advanceSimulation(context, typed, { type: 'digit', digit });
    expect(typed.typed).toBe('061234');
    typed = advanceSimulation(context, typed, { type: 'digits', digits: '5678' });
    expect(typed.typed).toBe('');
    expect(said(typed)).toContain('appelant: Numéro tapé : 0612345678.');
    expect(said(typed).at(-2)).toContain('Vous avez tapé zéro six un deux');
  });

  it('records a 10-second message, and a hang-up before any choice opens a ticket for a known number', () => {
    const message = call(
      tuesday('20:00'),
      '+33494111111',
      { type: 'digit', digit: '2' },
      { type: 'digit', digit: '2' },
    );
    expect(waitingFor(context, message).kind).toBe('record');
    const left = advanceSimulation(context, message, { type: 'message' });
    expect(said(left)).toContain('effet: Issue de l’appel : message vocal laissé.');
    const hungUp = call(tuesday('10:00'), '+33494111111', { type: 'hangup' });
    expect(said(hungUp)).toContain(
      'effet: L’appelant n’a pas été aidé : un ticket de rappel serait créé pour le 04 94 11 11 11, à rappeler avant le mardi 3 juin 2025 à 15 h 30.',
    );
    expect(advanceSimulation(context, hungUp, { type: 'digit', digit: '1' })).toBe(hungUp);
  });

  it('ignores inputs the call does not wait for', () => {
    const c = call(tuesday('10:00'), null);
    expect(advanceSimulation(context, c, { type: 'answered' })).toBe(c);
    expect(advanceSimulation(context, c, { type: 'message' })).toBe(c);
  });

  it('spells digits and ends the sentence after them', () => {
    expect(spellDigits('0*#9')).toBe('zéro étoile dièse neuf');
    expect(spokenText({}, [{ prompt: 'offre-rappel' }, { digits: '1' }, { prompt: 'inconnu' }])).toBe(
      'Pour être rappelé par un agent, tapez un. [message « inconnu » sans texte]',
    );
  });
});

describe('the simulated call in the page', () => {
  const secret = 'secret-for-tests-secret-for-tests';
  it('verifies its own signature only, for its line only', () => {
    const c = call(tuesday('10:00'), null);
    const token = signCall(secret, 'line-1', c);
    expect(verifyCall(secret, 'line-1', token)).toEqual(c);
    expect(verifyCall(secret, 'line-2', token)).toBeNull();
    expect(verifyCall('another-secret', 'line-1', token)).toBeNull();
    const [payload, signature] = token.split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...c, state: { ...c.state, outcome: 'transfere_repondu' } }),
    ).toString('base64url');
    expect(verifyCall(secret, 'line-1', `${altered}.${signature}`)).toBeNull();
    expect(verifyCall(secret, 'line-1', payload)).toBeNull();
    expect(verifyCall(secret, 'line-1', undefined)).toBeNull();
  });
});
