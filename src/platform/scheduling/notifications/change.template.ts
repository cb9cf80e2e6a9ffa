import { appointmentLines } from './confirmation.template.ts';
import { invitationAttachment } from './ics.ts';
import {
  type AppointmentEmailTemplate,
  type AppointmentMessage,
  type AppointmentSmsTemplate,
  exampleAppointment,
  formatWhen,
  greeting,
  manageLines,
  signature,
} from './message.ts';
import { appointmentSms, smsWhen } from './sms-text.ts';

export const CHANGE_EMAIL_TEMPLATE = 'scheduling.change-email';
export const CHANGE_SMS_TEMPLATE = 'scheduling.change-sms';

const example: AppointmentMessage = {
  ...exampleAppointment,
  startsAt: '2027-01-14T13:00:00.000Z',
  endsAt: '2027-01-14T13:45:00.000Z',
  previousStartsAt: exampleAppointment.startsAt,
  sequence: 1,
};

/** The appointment moved (time, place or agent): the old and the new time, and the updated .ics. */
export const changeEmailTemplate: AppointmentEmailTemplate = {
  name: CHANGE_EMAIL_TEMPLATE,
  description: 'Rendez-vous : changement d’horaire ou de lieu par courriel (avec le fichier agenda .ics)',
  channel: 'email',
  essential: true,
  example,
  render(m, context) {
    const moved = m.previousStartsAt && m.previousStartsAt !== m.startsAt;
    const text = [
      greeting(m),
      '',
      moved
        ? `Votre rendez-vous du ${formatWhen(m.previousStartsAt!)} est déplacé au ${formatWhen(m.startsAt)}.`
        : 'Votre rendez-vous a changé.',
      ...(m.placeChanged ? ['Attention : le lieu a changé.'] : []),
      '',
      'Le rendez-vous, tel qu’il est maintenant :',
      ...appointmentLines(m),
      '',
      ...manageLines(m, context.baseUrl),
      '',
      'Le fichier joint (rendez-vous.ics) met à jour votre agenda.',
      '',
      signature(m, context.territoryName),
    ].join('\n');
    return {
      subject: `Rendez-vous déplacé au ${formatWhen(m.startsAt)}`,
      text,
      attachments: [invitationAttachment(m, 'REQUEST', context.baseUrl)],
    };
  },
};

export const changeSmsTemplate: AppointmentSmsTemplate = {
  name: CHANGE_SMS_TEMPLATE,
  description: 'Rendez-vous : changement d’horaire ou de lieu par SMS',
  channel: 'sms',
  example,
  render: (m, context) => {
    const moved = m.previousStartsAt && m.previousStartsAt !== m.startsAt;
    const when = moved
      ? `le ${smsWhen(m.startsAt)} (au lieu du ${smsWhen(m.previousStartsAt!)})`
      : `le ${smsWhen(m.startsAt)}`;
    return {
      text: appointmentSms(m, context.baseUrl, {
        head: moved ? 'RDV déplacé' : 'RDV modifié',
        when,
        link: true,
      }),
    };
  },
};
