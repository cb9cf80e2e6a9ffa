import { describe, expect, it } from 'vitest';
import { measureSms, normaliseSmsText } from '../../messaging/sms/encoding.ts';
import type { EmailContent } from '../../messaging/templates.ts';
import { schedulingTemplates } from '../templates.ts';
import { cancellationEmailTemplate, cancellationSmsTemplate } from './cancellation.template.ts';
import { changeEmailTemplate, changeSmsTemplate } from './change.template.ts';
import { confirmationEmailTemplate, confirmationSmsTemplate } from './confirmation.template.ts';
import { type AppointmentMessage, exampleAppointment, formatDuration, formatWhen } from './message.ts';
import { reminderEmailTemplate, reminderSmsTemplate } from './reminder.template.ts';
import { events, param, prop, readIcs } from './testing.ts';

const context = { territoryName: 'Département du Var', baseUrl: 'https://rdv.exemple.fr' };
const link = `https://rdv.exemple.fr${exampleAppointment.managePath}`;

function ics(email: EmailContent) {
  expect(email.attachments).toHaveLength(1);
  const attachment = email.attachments![0]!;
  return { attachment, calendar: readIcs(attachment.content.toString()) };
}

describe('dates in French, Europe/Paris', () => {
  it.each([
    ['2027-01-12T08:30:00.000Z', 'mardi 12 janvier 2027 à 9 h 30'],
    ['2027-07-01T12:00:00.000Z', 'jeudi 1 juillet 2027 à 14 h'],
    // The last Sunday of March 2027 (28th): 01:00 UTC is 3 h local, after the change.
    ['2027-03-28T01:00:00.000Z', 'dimanche 28 mars 2027 à 3 h'],
    ['2027-10-31T00:59:00.000Z', 'dimanche 31 octobre 2027 à 2 h 59'],
    ['2027-12-31T23:05:00.000Z', 'samedi 1 janvier 2028 à 0 h 05'],
  ])('%s → %s', (instant, expected) => {
    expect(formatWhen(instant)).toBe(expected);
  });

  it('says durations as people do', () => {
    expect([formatDuration(30), formatDuration(60), formatDuration(90), formatDuration(45)]).toEqual([
      '30 minutes',
      '1 h',
      '1 h 30',
      '45 minutes',
    ]);
  });
});

describe('appointment emails', () => {
  it('lists every template once, email and SMS for each kind', () => {
    expect(schedulingTemplates.map((t) => t.name)).toEqual([
      'scheduling.confirmation-email',
      'scheduling.confirmation-sms',
      'scheduling.change-email',
      'scheduling.change-sms',
      'scheduling.cancellation-email',
      'scheduling.cancellation-sms',
      'scheduling.reminder-email',
      'scheduling.reminder-sms',
    ]);
    for (const template of schedulingTemplates) {
      if (template.channel === 'email') expect(template.essential).toBe(true);
    }
  });

  it('confirms with what, when, where, accessibility, instructions, organisation and the personal link', () => {
    const email = confirmationEmailTemplate.render(exampleAppointment, context);
    expect(email.subject).toBe('Rendez-vous confirmé le mardi 12 janvier 2027 à 9 h 30');
    const lines = email.text.split('\n');
    expect(lines[0]).toBe('Bonjour Dominique Martin,');
    expect(lines).toContain('Quoi : Premier rendez-vous d’orientation RSA (45 minutes)');
    expect(lines).toContain('Quand : mardi 12 janvier 2027 à 9 h 30');
    expect(lines).toContain('Où : UTS de La Seyne-sur-Mer');
    expect(lines).toContain('     12 rue de la République, 83500 La Seyne-sur-Mer');
    expect(lines).toContain('     Accessibilité : Entrée de plain-pied, ascenseur.');
    expect(lines).toContain(
      'À savoir : Apportez une pièce d’identité et votre dernière attestation de la CAF.',
    );
    expect(lines).toContain(link);
    expect(lines).toContain('C’est possible en ligne jusqu’à 24 h avant le rendez-vous.');
    expect(lines).toContain('Pour joindre UTS de La Seyne-sur-Mer : 04 94 00 00 00.');
    expect(lines.at(-1)).toBe('— UTS de La Seyne-sur-Mer (Département du Var)');
  });

  it('says how for appointments by phone, video or at home', () => {
    const phone = confirmationEmailTemplate.render({ ...exampleAppointment, location: 'telephone' }, context);
    expect(phone.text).toContain('Comment : par téléphone. On vous appellera au numéro que vous avez donné.');
    expect(phone.text).not.toContain('Où :');
    const visio = confirmationEmailTemplate.render(
      { ...exampleAppointment, location: 'visio', place: null },
      context,
    );
    expect(visio.text).toContain('Comment : en visioconférence.');
    const home = confirmationEmailTemplate.render(
      {
        ...exampleAppointment,
        location: 'domicile',
        place: null,
        homeAddress: '3 impasse des Lilas, 83000 Toulon',
      },
      context,
    );
    expect(home.text).toContain('Où : à votre domicile (3 impasse des Lilas, 83000 Toulon).');
    expect(readIcs(home.attachments![0]!.content.toString()).components[0]!.properties).toContainEqual({
      name: 'LOCATION',
      params: {},
      value: 'À domicile, 3 impasse des Lilas, 83000 Toulon',
    });
  });

  it('attaches an iTIP REQUEST: UTC times, stable UID, organiser and attendee, the link as URL', () => {
    const { attachment, calendar } = ics(confirmationEmailTemplate.render(exampleAppointment, context));
    expect(attachment.filename).toBe('rendez-vous.ics');
    expect(attachment.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(prop(calendar, 'VERSION')).toBe('2.0');
    expect(prop(calendar, 'PRODID')).toBe('-//Tremplin//Rendez-vous//FR');
    expect(prop(calendar, 'METHOD')).toBe('REQUEST');
    const [event, ...others] = events(calendar);
    expect(others).toHaveLength(0);
    expect(prop(event!, 'UID')).toBe(`rdv-${exampleAppointment.participantId}@rdv.exemple.fr`);
    expect(prop(event!, 'SEQUENCE')).toBe('0');
    expect(prop(event!, 'DTSTAMP')).toBe('20261220T100000Z');
    expect(prop(event!, 'DTSTART')).toBe('20270112T083000Z');
    expect(prop(event!, 'DTEND')).toBe('20270112T091500Z');
    expect(prop(event!, 'STATUS')).toBe('CONFIRMED');
    expect(prop(event!, 'SUMMARY')).toBe('Rendez-vous : Premier rendez-vous d’orientation RSA');
    expect(prop(event!, 'LOCATION')).toBe(
      'UTS de La Seyne-sur-Mer, 12 rue de la République, 83500 La Seyne-sur-Mer',
    );
    expect(prop(event!, 'DESCRIPTION')).toContain('Accessibilité : Entrée de plain-pied, ascenseur.');
    expect(prop(event!, 'DESCRIPTION')).toContain(`Pour annuler ou déplacer ce rendez-vous : ${link}`);
    expect(prop(event!, 'URL')).toBe(link);
    expect(prop(event!, 'ORGANIZER')).toBe('mailto:ne-pas-repondre@tremplin.localhost');
    expect(param(event!, 'ORGANIZER', 'CN')).toBe('UTS de La Seyne-sur-Mer');
    expect(prop(event!, 'ATTENDEE')?.toLowerCase()).toBe('mailto:dominique.martin@exemple.fr');
    expect(param(event!, 'ATTENDEE', 'PARTSTAT')).toBe('ACCEPTED');
    expect(param(event!, 'ATTENDEE', 'RSVP')).toBe('FALSE');
  });

  it('renders the same bytes every time (the worker renders again when it sends)', () => {
    const a = confirmationEmailTemplate.render(exampleAppointment, context);
    const b = confirmationEmailTemplate.render(structuredClone(exampleAppointment), context);
    expect(a.attachments![0]!.content).toBe(b.attachments![0]!.content);
  });

  it('tells a change with the old and the new time, same UID and a higher SEQUENCE', () => {
    const email = changeEmailTemplate.render(changeEmailTemplate.example, context);
    expect(email.subject).toBe('Rendez-vous déplacé au jeudi 14 janvier 2027 à 14 h');
    expect(email.text).toContain(
      'Votre rendez-vous du mardi 12 janvier 2027 à 9 h 30 est déplacé au jeudi 14 janvier 2027 à 14 h.',
    );
    expect(email.text).toContain('Quand : jeudi 14 janvier 2027 à 14 h');
    expect(email.text).not.toContain('le lieu a changé');
    expect(email.text).toContain(link);
    const [event] = events(ics(email).calendar);
    expect(prop(ics(email).calendar, 'METHOD')).toBe('REQUEST');
    expect(prop(event!, 'UID')).toBe(`rdv-${exampleAppointment.participantId}@rdv.exemple.fr`);
    expect(prop(event!, 'SEQUENCE')).toBe('1');
    expect(prop(event!, 'DTSTART')).toBe('20270114T130000Z');
    const placeChanged = changeEmailTemplate.render(
      { ...changeEmailTemplate.example, placeChanged: true },
      context,
    );
    expect(placeChanged.text).toContain('Attention : le lieu a changé.');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED, and no link to manage', () => {
    const email = cancellationEmailTemplate.render(cancellationEmailTemplate.example, context);
    expect(email.subject).toBe('Rendez-vous annulé : mardi 12 janvier 2027 à 9 h 30');
    expect(email.text).toContain(
      'Votre rendez-vous « Premier rendez-vous d’orientation RSA » du mardi 12 janvier 2027 à 9 h 30 (UTS de La Seyne-sur-Mer, 12 rue de la République, 83500 La Seyne-sur-Mer) est annulé.',
    );
    expect(email.text).toContain('contactez UTS de La Seyne-sur-Mer au 04 94 00 00 00');
    expect(email.text).not.toContain('/rdv/gerer/');
    const byPerson = cancellationEmailTemplate.render(
      { ...cancellationEmailTemplate.example, cancelledBy: 'usager' },
      context,
    );
    expect(byPerson.text).toContain('est annulé, comme vous l’avez demandé.');
    const { attachment, calendar } = ics(email);
    expect(attachment.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(prop(calendar, 'METHOD')).toBe('CANCEL');
    const [event] = events(calendar);
    expect(prop(event!, 'STATUS')).toBe('CANCELLED');
    expect(prop(event!, 'SEQUENCE')).toBe('1');
    expect(prop(event!, 'UID')).toBe(`rdv-${exampleAppointment.participantId}@rdv.exemple.fr`);
    expect(prop(event!, 'URL')).toBeUndefined();
  });

  it('does not promise an online change past the type’s limit', () => {
    const late = { ...exampleAppointment, stamp: '2027-01-11T12:00:00.000Z' }; // 20 h 30 before, limit 24 h
    const email = reminderEmailTemplate.render(late, context);
    expect(email.text).not.toContain('C’est possible en ligne');
    expect(email.text).toContain(
      'Il est trop tard pour l’annuler ou le déplacer en ligne : prévenez UTS de La Seyne-sur-Mer.',
    );
    expect(email.text).toContain('Pour joindre UTS de La Seyne-sur-Mer : 04 94 00 00 00.');
    expect(email.text).toContain(link);
  });

  it('reminds without an attachment', () => {
    const email = reminderEmailTemplate.render(exampleAppointment, context);
    expect(email.subject).toBe('Rappel : rendez-vous le mardi 12 janvier 2027 à 9 h 30');
    expect(email.text).toContain('Nous vous rappelons votre rendez-vous du mardi 12 janvier 2027 à 9 h 30.');
    expect(email.text).toContain(link);
    expect(email.attachments).toBeUndefined();
  });
});

describe('appointment SMS', () => {
  const smsTemplates = [
    confirmationSmsTemplate,
    changeSmsTemplate,
    cancellationSmsTemplate,
    reminderSmsTemplate,
  ];
  const sent = (text: string) => measureSms(normaliseSmsText(text));

  it('fit in two GSM-7 parts with the examples, and say what, when, where and the link', () => {
    for (const template of smsTemplates) {
      const { text } = template.render(template.example, context);
      expect(sent(text).encoding, `${template.name}: ${text}`).toBe('GSM-7');
      expect(sent(text).segments, text).toBeLessThanOrEqual(2);
    }
    expect(confirmationSmsTemplate.render(exampleAppointment, context).text).toBe(
      `RDV confirmé : Premier rendez-vous d’orientation RSA, le mardi 12 janvier 2027 à 9 h 30, à UTS de La Seyne-sur-Mer, 12 rue de la République, 83500 La Seyne-sur-Mer. Annuler ou déplacer : ${link}`,
    );
    expect(changeSmsTemplate.render(changeSmsTemplate.example, context).text).toContain(
      'le jeudi 14 janvier 2027 à 14 h (au lieu du mardi 12 janvier 2027 à 9 h 30)',
    );
    expect(cancellationSmsTemplate.render(cancellationSmsTemplate.example, context).text).toBe(
      'RDV annulé : Premier rendez-vous d’orientation RSA, le mardi 12 janvier 2027 à 9 h 30. UTS de La Seyne-sur-Mer. Pour un autre RDV : 04 94 00 00 00.',
    );
    expect(reminderSmsTemplate.render(exampleAppointment, context).text).toMatch(
      /^Rappel RDV : Premier rendez-vous d’orientation RSA, le mardi 12 janvier 2027 à 9 h 30, à UTS/,
    );
  });

  it('write « aout » so that August stays in the GSM alphabet', () => {
    const august = { ...exampleAppointment, startsAt: '2027-08-03T07:00:00.000Z' };
    const { text } = confirmationSmsTemplate.render(august, context);
    expect(text).toContain('le mardi 3 aout 2027 à 9 h');
    expect(sent(text).encoding).toBe('GSM-7');
    expect(confirmationEmailTemplate.render(august, context).text).toContain('mardi 3 août 2027 à 9 h');
  });

  it('drop details rather than go past two parts when names force UCS-2 or are long', () => {
    const heavy: AppointmentMessage = {
      ...exampleAppointment,
      typeName: 'Entretien de suivi du contrat d’engagements réciproques (CER) avec votre référente',
      organisationName: 'Maison départementale des solidarités de Saint-Raphaël — Fréjus',
      place: {
        name: 'Maison départementale des solidarités de Saint-Raphaël',
        address: '120 boulevard de l’Aéronavale, bâtiment Les Câprières, 83700 Saint-Raphaël',
        accessibilityNotes: null,
        phone: null,
      },
    };
    for (const template of smsTemplates) {
      const { text } = template.render(
        { ...template.example, ...heavy, managePath: template.example.managePath },
        context,
      );
      expect(sent(text).segments, text).toBeLessThanOrEqual(2);
      expect(text).toContain('12 janvier 2027');
      if (template.example.managePath) expect(text).toContain(link);
    }
  });
});
