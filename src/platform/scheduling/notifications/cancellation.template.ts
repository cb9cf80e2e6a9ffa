import { invitationAttachment } from './ics.ts';
import {
  type AppointmentEmailTemplate,
  type AppointmentMessage,
  type AppointmentSmsTemplate,
  exampleAppointment,
  formatWhen,
  greeting,
  signature,
  whereText,
} from './message.ts';
import { fitSms, smsWhen } from './sms-text.ts';

export const CANCELLATION_EMAIL_TEMPLATE = 'scheduling.cancellation-email';
export const CANCELLATION_SMS_TEMPLATE = 'scheduling.cancellation-sms';

const example: AppointmentMessage = {
  ...exampleAppointment,
  managePath: null,
  cancelledBy: 'agent',
  sequence: 1,
};

function why(m: AppointmentMessage): string {
  return m.cancelledBy === 'usager' ? ', comme vous l’avez demandé' : '';
}

/** The appointment is cancelled: the .ics removes it from the person's calendar. */
export const cancellationEmailTemplate: AppointmentEmailTemplate = {
  name: CANCELLATION_EMAIL_TEMPLATE,
  description: 'Rendez-vous : annulation par courriel (le fichier .ics le retire de l’agenda)',
  channel: 'email',
  essential: true,
  example,
  render(m, context) {
    const where = whereText(m);
    const text = [
      greeting(m),
      '',
      `Votre rendez-vous « ${m.typeName} » du ${formatWhen(m.startsAt)}${where ? ` (${where})` : ''} est annulé${why(m)}.`,
      '',
      m.place?.phone
        ? `Pour prendre un autre rendez-vous, contactez ${m.organisationName} au ${m.place.phone}.`
        : `Pour prendre un autre rendez-vous, contactez ${m.organisationName}.`,
      '',
      'Le fichier joint (rendez-vous-annule.ics) retire ce rendez-vous de votre agenda.',
      '',
      signature(m, context.territoryName),
    ].join('\n');
    return {
      subject: `Rendez-vous annulé : ${formatWhen(m.startsAt)}`,
      text,
      attachments: [invitationAttachment(m, 'CANCEL', context.baseUrl)],
    };
  },
};

export const cancellationSmsTemplate: AppointmentSmsTemplate = {
  name: CANCELLATION_SMS_TEMPLATE,
  description: 'Rendez-vous : annulation par SMS',
  channel: 'sms',
  example,
  render(m) {
    const when = smsWhen(m.startsAt);
    const contact = m.place?.phone ? ` Pour un autre RDV : ${m.place.phone}.` : '';
    return {
      text: fitSms([
        `RDV annulé${why(m).replace('’', "'")} : ${m.typeName}, le ${when}. ${m.organisationName}.${contact}`,
        `RDV annulé : ${m.typeName}, le ${when}.${contact}`,
        `RDV du ${when} annulé.${contact}`,
        `RDV du ${when} annulé.`,
      ]),
    };
  },
};
