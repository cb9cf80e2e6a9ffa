import { describe, expect, it } from 'vitest';
import {
  type ActionEvent,
  type ActionKind,
  callerNumberOf,
  dialledNumberOf,
  eventOfAction,
  eventOfStatus,
  isActionKind,
} from './events.ts';
import type { FormParams } from './signature.ts';

const at = new Date('2026-03-10T09:00:00Z');

describe('provider parameters → flow events', () => {
  it.each<[string, ActionKind, FormParams, ActionEvent]>([
    ['a key pressed', 'gather', { Digits: '1' }, { event: { type: 'digits', at, digits: '1' } }],
    ['star', 'gather', { Digits: '*' }, { event: { type: 'digits', at, digits: '*' } }],
    [
      'a phone number',
      'gather',
      { Digits: '0612345678' },
      { event: { type: 'digits', at, digits: '0612345678' } },
    ],
    [
      'keys only are kept',
      'gather',
      { Digits: '06 12<x>' },
      { event: { type: 'digits', at, digits: '0612' } },
    ],
    ['an empty Gather result', 'gather', { Digits: '' }, { event: { type: 'noInput', at } }],
    ['a Gather result without Digits', 'gather', {}, { event: { type: 'noInput', at } }],
    [
      'the fall-through after a Gather',
      'gather-timeout',
      { Digits: '5' },
      { event: { type: 'noInput', at } },
    ],
    [
      'a transfer answered then over',
      'dial',
      { DialCallStatus: 'completed' },
      { event: { type: 'transferResult', at, answered: true } },
    ],
    [
      'a transfer answered (still up)',
      'dial',
      { DialCallStatus: 'answered' },
      { event: { type: 'transferResult', at, answered: true } },
    ],
    ...(['no-answer', 'busy', 'failed', 'canceled', ''] as const).map(
      (status): [string, ActionKind, FormParams, ActionEvent] => [
        `a transfer ${status || 'without status'}`,
        'dial',
        { DialCallStatus: status },
        { event: { type: 'transferResult', at, answered: false } },
      ],
    ),
    [
      'a recording',
      'record',
      {
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        RecordingDuration: '14',
      },
      {
        event: { type: 'recorded', at, durationMs: 14_000 },
        recording: {
          url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
          durationMs: 14_000,
        },
      },
    ],
    [
      'a recording of no length',
      'record',
      { RecordingUrl: 'https://x/RE1', RecordingDuration: '0' },
      { event: { type: 'recorded', at, durationMs: 0 } },
    ],
    ['a Record action without a recording', 'record', {}, { event: { type: 'recorded', at, durationMs: 0 } }],
    [
      'the fall-through after a Record',
      'record-timeout',
      {},
      { event: { type: 'recorded', at, durationMs: 0 } },
    ],
  ])('%s', (_label, kind, params, expected) => {
    expect(eventOfAction(kind, params, at)).toEqual(expected);
  });

  it.each([
    ['completed', true],
    ['busy', true],
    ['no-answer', true],
    ['failed', true],
    ['canceled', true],
    ['ringing', false],
    ['in-progress', false],
    ['queued', false],
    ['', false],
  ])('status %s ends the call: %s', (status, ends) => {
    expect(eventOfStatus({ CallStatus: status }, at)).toEqual(ends ? { type: 'hangup', at } : null);
  });

  it('knows its action kinds', () => {
    expect(isActionKind('gather')).toBe(true);
    expect(isActionKind('record-timeout')).toBe(true);
    expect(isActionKind('start')).toBe(false);
    expect(isActionKind(undefined)).toBe(false);
  });

  it.each([
    ['+33612345678', '+33612345678'],
    [' +33612345678 ', '+33612345678'],
    ['+266696687', null],
    ['+86282452253', null],
    ['+7378742833', null],
    ['+2562533', null],
    ['anonymous', null],
    ['client:alice', null],
    ['0612345678', null],
    ['', null],
  ])('caller %j → %j', (from, expected) => {
    expect(callerNumberOf({ From: from })).toBe(expected);
  });

  it.each([
    ['+33494000000', '+33494000000'],
    ['sip:+33494000000@tremplin.sip.twilio.com', '+33494000000'],
    ['sip:accueil@example.fr', null],
    ['0494000000', null],
    ['', null],
  ])('dialled %j → %j', (to, expected) => {
    expect(dialledNumberOf({ To: to })).toBe(expected);
  });

  it('takes the first value of a parameter sent twice', () => {
    expect(eventOfAction('gather', { Digits: ['2', '3'] }, at)).toEqual({
      event: { type: 'digits', at, digits: '2' },
    });
  });
});
