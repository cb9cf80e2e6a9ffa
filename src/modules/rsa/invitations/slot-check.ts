import type { Db } from '../../../platform/db/client.ts';
import { listBookableTypes } from '../../../platform/scheduling/public/public.repository.ts';
import { organisationsServing } from '../../../platform/scheduling/sector.repository.ts';
import { firstAvailableSlot } from '../../../platform/scheduling/slot-search.service.ts';
import { ORIENTATION_CATEGORY } from '../appointment-sync.ts';

/**
 * « Never invite when no slot is free »: before inviting people of an organisation, the booking engine
 * is asked whether a person holding the link could book an orientation appointment before the link
 * expires — as the invited journey will search (audience 'invited', the organisation's types of the
 * « Orientation RSA » category, narrowed to the person's commune when the organisation serves it, see
 * scheduling/public/journey.service.ts resolveVisitor).
 *
 * Answers are kept per (organisation, commune, expiry) for the life of the checker — one bulk call —
 * so that 10,000 invitations in 40 communes cost 40 searches, not 10,000. Follow-up-only types are
 * left out: they offer only the person's référents, and the first meeting is with whoever is free.
 */
export type SlotChecker = (
  organisationId: string,
  communeCode: string | null,
  until: Date,
) => Promise<boolean>;

/** One promise per key, kept: concurrent and later calls with the same key share it. */
function memo<T>(compute: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (key) => {
    const found = kept.get(key);
    if (found) return found;
    const promise = compute(key);
    kept.set(key, promise);
    return promise;
  };
}

export function slotChecker(db: Db, now: Date): SlotChecker {
  const servingOf = memo((communeCode) => organisationsServing(db, communeCode));
  const typesOf = memo(async (organisationId) =>
    (
      await listBookableTypes(db, {
        organisationIds: [organisationId],
        bookableBy: ['invited', 'everyone'],
        category: ORIENTATION_CATEGORY,
      })
    ).filter((t) => !t.followUpOnly && !t.archived),
  );
  const answerOf = memo(async (key) => {
    const [organisationId, communeCode, until] = key.split('|') as [string, string, string];
    for (const type of await typesOf(organisationId)) {
      const first = await firstAvailableSlot(db, {
        appointmentTypeId: type.id,
        audience: 'invited',
        ...(communeCode ? { communeCode } : {}),
        now,
      });
      if (first && first.slot.startsAt.getTime() < Number(until)) return true;
    }
    return false;
  });

  return async (organisationId, communeCode, until) => {
    // A commune the organisation does not serve searches like no commune: one answer for all of them.
    const sectorised =
      communeCode && (await servingOf(communeCode)).includes(organisationId) ? communeCode : '';
    return answerOf(`${organisationId}|${sectorised}|${until.getTime()}`);
  };
}
