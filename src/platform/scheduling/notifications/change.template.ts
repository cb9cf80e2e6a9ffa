import { invitationAttachment } from './ics.ts';
import {
  type AppointmentEmailTemplate,
  type AppointmentMessage,
  type AppointmentSmsTemplate,
  appointmentEmailText,
  exampleAppointment,
  formatWhen,
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

/** When it was before, if the time changed (a new place or agent alone keeps it); null otherwise. */
function previousStart(m: AppointmentMessage): string | null {
  return m.previousStartsAt && m.previousStartsAt !== m.startsAt ? m.previousStartsAt : null;
}

/** The appointment moved (time, place or agent): the old and the new time, and the updated .ics. */
export const changeEmailTemplate: AppointmentEmailTemplate = {
  name: CHANGE_EMAIL_TEMPLATE,
  description: 'Rendez-vous : changement d’horaire ou de lieu par courriel (avec le fichier agenda .ics)',
  channel: 'email',
  essential: true,
  example,
  render(m, context) {
    const previous = previousStart(m);
    const text = appointmentEmailText(m, context, {
      intro: [
        previous
          ? `Votre rendez-vous du ${formatWhen(previous)} est déplacé au ${formatWhen(m.startsAt)}.`
          : 'Votre rendez-vous a changé.',
        ...(m.placeChanged ? ['Attention : le lieu a changé.'] : []),
      ],
      lead: 'Le rendez-vous, tel qu’il est maintenant :',
      closing: ['Le fichier joint (rendez-vous.ics) met à jour votre agenda.'],
    });
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
    const previous = previousStart(m);
    return {
      text: appointmentSms(
        m,
        context.baseUrl,
        previous
          ? { head: 'RDV déplacé', when: `le ${smsWhen(m.startsAt)} (au lieu du ${smsWhen(previous)})` }
          : { head: 'RDV modifié' },
      ),
    };
  },
};
