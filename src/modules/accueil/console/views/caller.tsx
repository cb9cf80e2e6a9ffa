import { bookingLinkFor } from '../booking-link.ts';
import type { CallerPage } from '../history.service.ts';
import { phoneText } from '../labels.ts';
import { AccueilBreadcrumb, CallerHistory, linePath } from './parts.tsx';

/** A caller's page: every call, ticket and voicemail of the number on the line, newest first. */
export function CallerPageView({ page }: { page: CallerPage }) {
  const { line, number, history } = page;
  return (
    <>
      <AccueilBreadcrumb
        items={[{ label: line.name, href: linePath(line.id) }, { label: phoneText(number) }]}
      />
      <h1>Appelant : {phoneText(number)}</h1>
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-mb-3w">
        <li>
          <a class="fr-btn fr-btn--secondary" href={`tel:${number}`}>
            Appeler le {phoneText(number)}
          </a>
        </li>
        <li>
          <a class="fr-btn" href={bookingLinkFor(line.organisationSlug, number)}>
            Prendre rendez-vous
          </a>
        </li>
      </ul>
      <h2 class="fr-h4">Historique sur la ligne {line.name}</h2>
      <CallerHistory lineId={line.id} flow={line.flow} history={history} />
    </>
  );
}
