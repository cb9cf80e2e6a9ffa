import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/client.ts';
import { openSeason } from '../access.ts';
import { type CallState, callStateAt } from '../calls/call-state.ts';
import { callsOf, coachesOf, countsOf, organisationName, partnersOf } from './seasons.repository.ts';

/** A season's page: its summary, partners, coaches, calls and funnel so far. */
export async function viewSeason(db: Db, actor: Actor, slug: string, now: Date) {
  const season = await openSeason(db, actor, slug);
  const { cohort } = season;
  const [incubatorName, partners, coaches, calls, counts] = await Promise.all([
    organisationName(db, cohort.incubatorOrganisationId),
    partnersOf(db, cohort.id),
    coachesOf(db, cohort.id),
    callsOf(db, cohort.id),
    countsOf(db, cohort.id),
  ]);
  return {
    ...season,
    incubatorName,
    partners,
    coaches,
    calls: calls.map((c) => ({ ...c, state: callStateAt(c, now) as CallState })),
    counts,
  };
}

export type SeasonPage = Awaited<ReturnType<typeof viewSeason>>;
