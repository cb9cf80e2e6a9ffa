/**
 * « Prendre rendez-vous » for a caller: the booking engine's agent page (scheduling/agenda,
 * GET /rendez-vous/prendre) in the line's organisation, searching its people by the caller's number
 * (`q` accepts a phone number and finds the person recorded with it). A caller nobody recorded yet
 * is entered there with « Nouvelle personne », whose phone field the page cannot prefill today.
 */
export function bookingLinkFor(organisationSlug: string, number: string): string {
  return `/rendez-vous/prendre?${new URLSearchParams({ organisation: organisationSlug, q: number })}`;
}
