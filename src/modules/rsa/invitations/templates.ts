import type { AnyTemplate, MessageTemplate, RenderContext } from '../../../platform/messaging/templates.ts';
import { formatDuration, formatWhen } from '../../../platform/scheduling/notifications/message.ts';
import { fitSms, smsWhen } from '../../../platform/scheduling/notifications/sms-text.ts';
import {
  type ConvocationMessage,
  exampleConvocation,
  exampleInvitation,
  exampleNoSlot,
  formatLocalDay,
  type InvitationMessage,
  type NoSlotMessage,
  smsDay,
} from './message.ts';

/**
 * The RSA invitation messages, in plain French for people who may read little and own an old phone:
 * - the invitation (SMS, email, letter for people with neither) with the personal link and its last day;
 * - reminders at J+3 and J+7 (SMS or email, the invitation's channel) while nothing is booked;
 * - the convocation (letter, SMS or email): the appointment an agent booked, with date, time and place;
 * - the warning to an organisation's agents when invitations were held back for lack of free slots.
 * SMS fit in two parts (fitSms tries fuller versions first) and keep to the GSM alphabet in our own
 * words (é è à are in it; ê â ç ô are not), so that they cost two SMS and not five.
 */
export const INVITATION_SMS = 'rsa.invitation-sms';
export const INVITATION_EMAIL = 'rsa.invitation-email';
export const INVITATION_LETTER = 'rsa.invitation-letter';
export const REMINDER_SMS = 'rsa.reminder-sms';
export const REMINDER_EMAIL = 'rsa.reminder-email';
export const CONVOCATION_SMS = 'rsa.convocation-sms';
export const CONVOCATION_EMAIL = 'rsa.convocation-email';
export const CONVOCATION_LETTER = 'rsa.convocation-letter';
export const NO_SLOT_EMAIL = 'rsa.no-slot-email';

export const invitationTemplateOf = {
  sms: INVITATION_SMS,
  email: INVITATION_EMAIL,
  letter: INVITATION_LETTER,
};
export const reminderTemplateOf = { sms: REMINDER_SMS, email: REMINDER_EMAIL } as const;
export const convocationTemplateOf = {
  sms: CONVOCATION_SMS,
  email: CONVOCATION_EMAIL,
  letter: CONVOCATION_LETTER,
};

type Email<D> = Extract<MessageTemplate<D>, { channel: 'email' }>;
type Sms<D> = Extract<MessageTemplate<D>, { channel: 'sms' }>;
type Letter<D> = Extract<MessageTemplate<D>, { channel: 'letter' }>;

const linkOf = (m: { path: string }, context: RenderContext) => `${context.baseUrl}${m.path}`;

const signatureOf = (organisationName: string, context: RenderContext) =>
  context.territoryName ? `${organisationName} (${context.territoryName})` : organisationName;

/** What the first meeting is, in two sentences. */
const WHAT_IT_IS =
  'Ce premier entretien avec un ou une professionnelle sert à faire le point sur votre situation et à choisir avec vous l’accompagnement qui vous convient : emploi, formation, logement, santé, démarches.';

const WHAT_TO_BRING = [
  'À apporter le jour du rendez-vous :',
  '- une pièce d’identité ;',
  '- votre numéro d’allocataire CAF (ou votre dernière attestation) ;',
  '- si vous en avez un, votre CV.',
];

function helpLine(m: { phone: string | null; organisationName: string }): string {
  return m.phone
    ? `Besoin d’aide pour prendre rendez-vous ? Appelez le ${m.phone}.`
    : `Besoin d’aide pour prendre rendez-vous ? Contactez ${m.organisationName}.`;
}

/** The invitation SMS: who, what, until when, the link; then shorter versions without the phone. */
function invitationSms(m: InvitationMessage, context: RenderContext, reminder: boolean): string {
  const link = linkOf(m, context);
  const help = m.phone ? ` Aide : ${m.phone}` : '';
  const until = smsDay(m.lastDay);
  const head = reminder ? 'Rappel : ' : '';
  return fitSms([
    `${head}Bonjour ${m.firstName}, ${m.organisationName} vous invite à choisir la date de votre 1er entretien RSA. Lien valable jusqu'au ${until} : ${link}${help}`,
    `${head}${m.firstName}, prenez RDV pour votre 1er entretien RSA avant le ${until} : ${link}${help}`,
    `${head}RDV 1er entretien RSA avant le ${until} : ${link}`,
  ]);
}

export const invitationSmsTemplate: Sms<InvitationMessage> = {
  name: INVITATION_SMS,
  description: 'RSA : invitation à prendre le premier rendez-vous, par SMS',
  channel: 'sms',
  example: exampleInvitation,
  render: (m, context) => ({ text: invitationSms(m, context, false) }),
};

function invitationEmailText(m: InvitationMessage, context: RenderContext, intro: string[]): string {
  return [
    `Bonjour ${m.firstName} ${m.lastName},`,
    '',
    ...intro,
    '',
    WHAT_IT_IS,
    '',
    'Choisissez vous-même le jour et l’heure, en suivant votre lien personnel (ne le transmettez pas) :',
    linkOf(m, context),
    '',
    `Ce lien est valable jusqu’au ${formatLocalDay(m.lastDay)} inclus.`,
    'Depuis ce lien, vous pouvez aussi répondre à quelques questions avant le rendez-vous (facultatif).',
    '',
    ...WHAT_TO_BRING,
    '',
    helpLine(m),
    `Votre code d’invitation, si vous appelez : ${m.shortCode}.`,
    '',
    `— ${signatureOf(m.organisationName, context)}`,
  ].join('\n');
}

export const invitationEmailTemplate: Email<InvitationMessage> = {
  name: INVITATION_EMAIL,
  description: 'RSA : invitation à prendre le premier rendez-vous, par courriel',
  channel: 'email',
  essential: true,
  example: exampleInvitation,
  render: (m, context) => ({
    subject: 'Prenez rendez-vous pour votre premier entretien RSA',
    text: invitationEmailText(m, context, [
      `Vous avez droit au RSA (revenu de solidarité active). ${m.organisationName} vous invite à un premier entretien.`,
    ]),
  }),
};

/** The letter, for people with neither a mobile phone nor an email address. */
export const invitationLetterTemplate: Letter<InvitationMessage> = {
  name: INVITATION_LETTER,
  description: 'RSA : invitation à prendre le premier rendez-vous, par courrier',
  channel: 'letter',
  example: exampleInvitation,
  render: (m, context) => ({
    subject: 'Prenez rendez-vous pour votre premier entretien RSA',
    paragraphs: [
      `Bonjour ${m.firstName} ${m.lastName},`,
      `Vous avez droit au RSA (revenu de solidarité active). ${m.organisationName} vous invite à un premier entretien.`,
      WHAT_IT_IS,
      `Vous choisissez le jour et l’heure. Vous pouvez prendre rendez-vous jusqu’au ${formatLocalDay(m.lastDay)} :`,
      `- sur internet, en tapant cette adresse : ${linkOf(m, context)}`,
      m.phone
        ? `- ou par téléphone, en appelant le ${m.phone} : nous prendrons le rendez-vous avec vous.`
        : `- ou en contactant ${m.organisationName} : nous prendrons le rendez-vous avec vous.`,
      `Votre code d’invitation, à donner si vous appelez : ${m.shortCode}.`,
      WHAT_TO_BRING.join('\n'),
    ],
    signature: signatureOf(m.organisationName, context),
  }),
};

export const reminderSmsTemplate: Sms<InvitationMessage> = {
  name: REMINDER_SMS,
  description: 'RSA : rappel de l’invitation (J+3, J+7) par SMS, tant que rien n’est réservé',
  channel: 'sms',
  example: { ...exampleInvitation, reminder: 1 },
  render: (m, context) => ({ text: invitationSms(m, context, true) }),
};

export const reminderEmailTemplate: Email<InvitationMessage> = {
  name: REMINDER_EMAIL,
  description: 'RSA : rappel de l’invitation (J+3, J+7) par courriel, tant que rien n’est réservé',
  channel: 'email',
  essential: true,
  example: { ...exampleInvitation, reminder: 1 },
  render: (m, context) => ({
    subject: `Rappel : prenez rendez-vous pour votre premier entretien RSA avant le ${formatLocalDay(m.lastDay)}`,
    text: invitationEmailText(m, context, [
      `Vous avez reçu une invitation de ${m.organisationName} pour votre premier entretien RSA, et vous n’avez pas encore choisi de date.`,
      'Si vous avez déjà pris rendez-vous, ne tenez pas compte de ce message.',
    ]),
  }),
};

/** « à UTS…, 12 rue… » / « par téléphone »: where or how the convoked appointment happens. */
function convocationWhere(m: ConvocationMessage, short: boolean): string {
  switch (m.location) {
    case 'sur_place':
      if (!m.place) return '';
      return short ? `à ${m.place.name}` : `à ${m.place.name}, ${m.place.address}`;
    case 'telephone':
      return 'par téléphone (on vous appellera)';
    case 'visio':
      return 'en visioconférence';
    case 'domicile':
      return 'à votre domicile';
  }
}

function convocationLines(m: ConvocationMessage): string[] {
  const where = convocationWhere(m, false);
  return [
    `Quand : ${formatWhen(m.startsAt)} (durée : ${formatDuration(m.durationMinutes)})`,
    ...(where ? [`Où : ${where.replace(/^à /, '')}`] : []),
    ...(m.place?.accessibilityNotes && m.location === 'sur_place'
      ? [`Accès : ${m.place.accessibilityNotes}`]
      : []),
    ...(m.instructions ? [`À savoir : ${m.instructions}`] : []),
  ];
}

function cannotComeLine(m: ConvocationMessage, context: RenderContext): string {
  const phone = m.place?.phone;
  if (m.managePath && phone)
    return `Si vous ne pouvez pas venir, prévenez-nous au ${phone}, ou changez la date avec ce lien : ${context.baseUrl}${m.managePath}`;
  if (m.managePath)
    return `Si vous ne pouvez pas venir, changez la date avec ce lien : ${context.baseUrl}${m.managePath}`;
  if (phone) return `Si vous ne pouvez pas venir, prévenez-nous au ${phone}.`;
  return `Si vous ne pouvez pas venir, prévenez ${m.organisationName}.`;
}

export const convocationSmsTemplate: Sms<ConvocationMessage> = {
  name: CONVOCATION_SMS,
  description: 'RSA : convocation au premier rendez-vous, par SMS',
  channel: 'sms',
  example: exampleConvocation,
  render(m, context) {
    const when = smsWhen(m.startsAt);
    const where = (short: boolean) => {
      const text = convocationWhere(m, short);
      return text ? ` ${text}` : '';
    };
    const phone = m.place?.phone ? ` Si vous ne pouvez pas venir, appelez le ${m.place.phone}.` : '';
    const manage = m.managePath ? ` Changer : ${context.baseUrl}${m.managePath}` : '';
    return {
      text: fitSms([
        `Bonjour ${m.firstName}, vous avez RDV pour votre 1er entretien RSA le ${when}${where(false)}.${phone}${manage}`,
        `Bonjour ${m.firstName}, RDV 1er entretien RSA le ${when}${where(true)}.${phone}${manage}`,
        `RDV 1er entretien RSA le ${when}${where(true)}.${phone}`,
      ]),
    };
  },
};

export const convocationEmailTemplate: Email<ConvocationMessage> = {
  name: CONVOCATION_EMAIL,
  description: 'RSA : convocation au premier rendez-vous, par courriel',
  channel: 'email',
  essential: true,
  example: exampleConvocation,
  render: (m, context) => ({
    subject: `Votre premier entretien RSA le ${formatWhen(m.startsAt)}`,
    text: [
      `Bonjour ${m.firstName} ${m.lastName},`,
      '',
      `${m.organisationName} vous a réservé un rendez-vous pour votre premier entretien RSA.`,
      WHAT_IT_IS,
      '',
      ...convocationLines(m),
      '',
      ...WHAT_TO_BRING,
      '',
      cannotComeLine(m, context),
      `Votre code, si vous appelez : ${m.shortCode}.`,
      '',
      `— ${signatureOf(m.organisationName, context)}`,
    ].join('\n'),
  }),
};

export const convocationLetterTemplate: Letter<ConvocationMessage> = {
  name: CONVOCATION_LETTER,
  description: 'RSA : convocation au premier rendez-vous, par courrier',
  channel: 'letter',
  example: exampleConvocation,
  render: (m, context) => ({
    subject: 'Convocation à votre premier entretien RSA',
    paragraphs: [
      `Bonjour ${m.firstName} ${m.lastName},`,
      `Vous avez droit au RSA (revenu de solidarité active). ${m.organisationName} vous a réservé un rendez-vous pour votre premier entretien. Cet entretien fait partie de vos droits et devoirs d’allocataire du RSA.`,
      WHAT_IT_IS,
      convocationLines(m).join('\n'),
      WHAT_TO_BRING.join('\n'),
      cannotComeLine(m, context),
      `Votre code, à donner si vous appelez : ${m.shortCode}.`,
    ],
    signature: signatureOf(m.organisationName, context),
  }),
};

export const noSlotEmailTemplate: Email<NoSlotMessage> = {
  name: NO_SLOT_EMAIL,
  description: 'RSA : aux agents, invitations retenues faute de créneau libre',
  channel: 'email',
  essential: true,
  example: exampleNoSlot,
  render: (m, context) => ({
    subject: `RSA : invitations retenues, aucun créneau libre (${m.organisationName})`,
    text: [
      'Bonjour,',
      '',
      `Des invitations au premier rendez-vous RSA n’ont pas été envoyées : ${m.organisationName} n’a aucun créneau libre d’orientation RSA d’ici le ${formatLocalDay(m.lastDay)}, date de fin de validité des invitations.`,
      '',
      `Personnes concernées : ${m.held}.`,
      ...(m.communes.length ? [`Communes : ${m.communes.join(', ')}.`] : []),
      '',
      'Pour les inviter : ouvrez des plages d’ouverture pour les motifs de la catégorie « Orientation RSA » (ou élargissez celles qui existent), puis relancez les invitations depuis la liste des bénéficiaires.',
      `${context.baseUrl}/rsa`,
      '',
      'Ce message est envoyé au plus une fois par jour.',
      '',
      '— Tremplin',
    ].join('\n'),
  }),
};

export const invitationTemplates: AnyTemplate[] = [
  invitationSmsTemplate,
  invitationEmailTemplate,
  invitationLetterTemplate,
  reminderSmsTemplate,
  reminderEmailTemplate,
  convocationSmsTemplate,
  convocationEmailTemplate,
  convocationLetterTemplate,
  noSlotEmailTemplate,
];
