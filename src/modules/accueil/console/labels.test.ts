import { describe, expect, it } from 'vitest';
import { utsLaSeyneFlow } from '../flow/uts-la-seyne.ts';
import type { CallRow } from './call-log.repository.ts';
import { mergeHistory } from './history.ts';
import {
  callOutcomeText,
  durationText,
  E164,
  menuPathText,
  phoneText,
  serviceName,
  shortName,
} from './labels.ts';
import type { TicketRow } from './tickets.repository.ts';
import type { VoicemailRow } from './voicemails.repository.ts';

describe('the console’s words', () => {
  const flow = utsLaSeyneFlow();

  it('formats numbers, durations, services and menu paths', () => {
    expect(phoneText('+33612345678')).toBe('06 12 34 56 78');
    expect(phoneText('+4930123456')).toBe('+4930123456');
    expect(phoneText(null)).toBe('numéro masqué ou effacé');
    expect(durationText(42_400)).toBe('42 s');
    expect(durationText(65_000)).toBe('1 min 05 s');
    expect(serviceName(flow, 'aspi')).toBe('Action sociale de proximité et insertion (ASPI)');
    expect(serviceName(flow, 'disparu')).toBe('disparu');
    expect(serviceName(flow, null)).toBe('—');
    expect(shortName('Pôle Accueil')).toBe('Pôle Accueil');
    expect(menuPathText(flow, ['principal', '1', 'aspi'])).toBe('principal › touche 1 › ASPI');
    expect(menuPathText(flow, [])).toBe('—');
  });

  it('says a call’s outcome, in progress or lost', () => {
    expect(callOutcomeText({ outcome: 'message_vocal', endedAt: new Date() })).toBe('Message vocal');
    expect(callOutcomeText({ outcome: null, endedAt: null })).toBe('En cours');
    expect(callOutcomeText({ outcome: null, endedAt: new Date() })).toBe('Perdu (aucune issue)');
  });

  it('accepts E.164 numbers only', () => {
    expect(E164.test('+33612345678')).toBe(true);
    for (const bad of ['0612345678', '+0612345678', '+33 612345678', '+33', '+3361234567890123']) {
      expect(E164.test(bad), bad).toBe(false);
    }
  });
});

describe('a caller’s history', () => {
  const at = (iso: string) => new Date(iso);
  const call = (id: string, iso: string) => ({ id, startedAt: at(iso) }) as CallRow;
  const ticket = (id: string, iso: string) => ({ id, createdAt: at(iso) }) as TicketRow;
  const voicemail = (id: string, iso: string) => ({ id, recordedAt: at(iso) }) as VoicemailRow;

  it('is newest first; what a call led to, at the same instant, comes before the call', () => {
    const history = mergeHistory(
      [call('c1', '2025-03-10T09:00:00Z'), call('c2', '2025-03-11T09:00:00Z')],
      [ticket('t2', '2025-03-11T09:00:00Z')],
      [voicemail('v1', '2025-03-12T09:00:00Z')],
    );
    expect(history.map((e) => `${e.kind}:${e.at.toISOString().slice(0, 10)}`)).toEqual([
      'message:2025-03-12',
      'rappel:2025-03-11',
      'appel:2025-03-11',
      'appel:2025-03-10',
    ]);
  });
});
