import { describe, expect, it } from 'vitest';
import { measureSms, normaliseSmsText } from '../../../platform/messaging/sms/encoding.ts';
import {
  type ConvocationMessage,
  exampleConvocation,
  exampleInvitation,
  type InvitationMessage,
} from './message.ts';
import { summariseInvitations } from './summary.ts';
import {
  convocationLetterTemplate,
  convocationSmsTemplate,
  invitationEmailTemplate,
  invitationLetterTemplate,
  invitationSmsTemplate,
  invitationTemplates,
  reminderSmsTemplate,
} from './templates.ts';

const context = { territoryName: 'Département du Var', baseUrl: 'https://tremplin.incubateur.anct.gouv.fr' };
const longOrganisation = 'Unité territoriale sociale de La Seyne-sur-Mer et Six-Fours-les-Plages';

function sms(text: string) {
  return measureSms(normaliseSmsText(text));
}

describe('RSA invitation templates', () => {
  it.each([
    ['short names', exampleInvitation],
    ['a long organisation name', { ...exampleInvitation, organisationName: longOrganisation }],
    [
      'a name outside the GSM alphabet',
      { ...exampleInvitation, firstName: 'Françoise', organisationName: longOrganisation },
    ],
  ] as [string, InvitationMessage][])('the invitation and reminder SMS fit in 2 parts with %s', (_, m) => {
    for (const template of [invitationSmsTemplate, reminderSmsTemplate]) {
      const { text } = template.render(m, context);
      expect(sms(text).segments).toBeLessThanOrEqual(2);
      expect(text).toContain(`${context.baseUrl}${m.path}`);
    }
  });

  it('our own words keep the SMS in the GSM alphabet, with the link and the last day', () => {
    const { text } = invitationSmsTemplate.render(exampleInvitation, context);
    expect(sms(text).encoding).toBe('GSM-7');
    expect(text).toContain('mardi 12 mars');
    expect(text).toContain('04 94 00 00 00');
  });

  it.each([
    ['on the spot', exampleConvocation],
    [
      'by phone, long names',
      { ...exampleConvocation, location: 'telephone', organisationName: longOrganisation },
    ],
  ] as [string, ConvocationMessage][])('the convocation SMS fits in 2 parts (%s)', (_, m) => {
    const { text } = convocationSmsTemplate.render(m, context);
    expect(sms(text).segments).toBeLessThanOrEqual(2);
    expect(text).toContain('12 mars 2030');
  });

  it('the email says what the meeting is, what to bring, the link, its last day and whom to call', () => {
    const { subject, text } = invitationEmailTemplate.render(exampleInvitation, context);
    expect(subject).toBe('Prenez rendez-vous pour votre premier entretien RSA');
    for (const part of [
      `${context.baseUrl}${exampleInvitation.path}`,
      'mardi 12 mars 2030 inclus',
      'une pièce d’identité',
      'Appelez le 04 94 00 00 00',
      'faire le point sur votre situation',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('the letters write the link out, the code and the phone; the convocation gives date, time and place', () => {
    const invitation = invitationLetterTemplate.render(exampleInvitation, context).paragraphs.join('\n');
    expect(invitation).toContain(`${context.baseUrl}${exampleInvitation.path}`);
    expect(invitation).toContain('3F2A-9C1B');
    expect(invitation).toContain('04 94 00 00 00');
    const convocation = convocationLetterTemplate.render(exampleConvocation, context).paragraphs.join('\n');
    expect(convocation).toContain('mardi 12 mars 2030 à 9 h 30');
    expect(convocation).toContain('12 rue de la République, 83500 La Seyne-sur-Mer');
  });

  it('every template renders its own example', () => {
    for (const template of invitationTemplates)
      expect(template.render(template.example, context)).toBeTruthy();
  });
});

describe('summariseInvitations', () => {
  it('counts by channel, groups the reasons, warns per organisation without a slot', () => {
    const lines = summariseInvitations({
      invited: [
        { beneficiaryId: 'a', invitationId: '1', channel: 'sms' },
        { beneficiaryId: 'b', invitationId: '2', channel: 'letter' },
      ],
      skipped: [
        { beneficiaryId: 'c', reason: 'pas de numéro de téléphone' },
        { beneficiaryId: 'd', reason: 'pas de numéro de téléphone' },
        { beneficiaryId: 'e', reason: 'aucun créneau libre dans son secteur avant la fin de validité' },
      ],
      noSlotOrganisations: [
        {
          organisationId: 'o',
          organisationName: 'UTS Toulon',
          lastDay: '2030-03-12',
          communes: ['Toulon'],
          held: 1,
        },
      ],
    });
    expect(lines.map((l) => l.type)).toEqual(['success', 'warning', 'warning']);
    expect(lines[0]!.message).toContain('2 invitations envoyées (1 par SMS, 1 par courrier)');
    expect(lines[1]!.message).toBe('2 personnes non invitées : pas de numéro de téléphone (2).');
    expect(lines[2]!.message).toContain(
      'Aucun créneau libre pour UTS Toulon d’ici le mardi 12 mars 2030 (Toulon)',
    );
  });
});
