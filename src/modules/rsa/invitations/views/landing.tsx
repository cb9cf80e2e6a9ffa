import { formatWhen } from '../../../../platform/scheduling/notifications/message.ts';
import { localDay } from '../../../../platform/scheduling/slots/calendar.ts';
import { locationLabels } from '../../../../platform/scheduling/types.ts';
import { MessagePage } from '../../../../platform/web/pages.tsx';
import type { Landing } from '../landing.service.ts';
import { formatLocalDay } from '../message.ts';

function CallUs({ organisationName, phone }: { organisationName: string; phone: string | null }) {
  return phone ? (
    <p>
      Appelez {organisationName} au{' '}
      <a class="fr-link" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
        {phone}
      </a>
      .
    </p>
  ) : (
    <p>Contactez {organisationName}.</p>
  );
}

/**
 * The page the person's link opens (/rsa/i/<token>), for people who may read little and use an old
 * phone: one sentence, one big button, nothing else to choose. Works without JavaScript.
 */
export function LandingPage({ landing }: { landing: Landing }) {
  switch (landing.kind) {
    case 'invalid':
      return (
        <MessagePage title="Ce lien ne fonctionne pas">
          <p class="fr-text--lead">Le lien est incomplet ou a été modifié.</p>
          <p>
            Copiez-le en entier depuis le message reçu (SMS, courriel ou courrier), ou appelez le service qui
            vous a écrit.
          </p>
        </MessagePage>
      );
    case 'expired':
      return (
        <MessagePage title="Votre invitation a expiré">
          <p class="fr-text--lead">
            Le lien n’est plus valable, mais vous pouvez toujours avoir votre rendez-vous.
          </p>
          <CallUs organisationName={landing.organisationName} phone={landing.phone} />
          <p>Nous prendrons le rendez-vous avec vous, ou nous vous enverrons une nouvelle invitation.</p>
        </MessagePage>
      );
    case 'closed':
      return (
        <MessagePage title="Cette invitation a été remplacée">
          <p class="fr-text--lead">
            Vous avez reçu une invitation plus récente : utilisez le lien du dernier message reçu.
          </p>
          <CallUs organisationName={landing.organisationName} phone={landing.phone} />
        </MessagePage>
      );
    case 'booked': {
      const { appointment } = landing;
      return (
        <MessagePage
          title={appointment?.cancelled ? 'Votre rendez-vous a été annulé' : 'Votre rendez-vous est pris'}
        >
          {appointment && !appointment.cancelled && (
            <div class="fr-callout fr-mb-4w">
              <p class="fr-callout__title">{formatWhen(appointment.startsAt)}</p>
              <p class="fr-callout__text">
                {appointment.typeName}
                <br />
                {appointment.place && appointment.location === 'sur_place'
                  ? `${appointment.place.name}, ${appointment.place.address}`
                  : locationLabels[appointment.location as keyof typeof locationLabels]}
              </p>
            </div>
          )}
          {landing.managePath && (
            <p>
              <a class="fr-btn fr-btn--secondary" href={landing.managePath}>
                Voir, déplacer ou annuler mon rendez-vous
              </a>
            </p>
          )}
          {appointment?.cancelled && <p>Pour reprendre un rendez-vous :</p>}
          <CallUs organisationName={landing.organisationName} phone={landing.phone} />
        </MessagePage>
      );
    }
    case 'open':
      return (
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-md-8">
            <h1>Prenez rendez-vous pour votre premier entretien RSA</h1>
            <p class="fr-text--lead">
              Bonjour {landing.firstName}, {landing.organisationName} vous invite à un premier entretien pour
              faire le point sur votre situation et choisir avec vous l’accompagnement qui vous convient.
            </p>
            <p>
              Vous choisissez le jour et l’heure. Ce lien est valable jusqu’au{' '}
              <strong>{formatLocalDay(localDay(landing.lastDay))}</strong> inclus.
            </p>
            <p>
              <a
                class="fr-btn fr-btn--lg fr-btn--icon-right fr-icon-arrow-right-line"
                href={landing.bookingPath}
              >
                Choisir mon rendez-vous
              </a>
            </p>
            <p>
              <a class="fr-link" href={landing.questionnairePath}>
                Répondre à quelques questions avant le rendez-vous (facultatif)
              </a>
            </p>
            <h2 class="fr-h4 fr-mt-4w">Besoin d’aide ?</h2>
            <CallUs organisationName={landing.organisationName} phone={landing.phone} />
          </div>
        </div>
      );
  }
}
