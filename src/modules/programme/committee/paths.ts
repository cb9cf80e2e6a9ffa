import { SPACE } from '../part.ts';

/** The committee's URLs, for its pages, its emails and the other parts of the programme that link here. */

export const cohortCommitteesPath = (cohortSlug: string) => `${SPACE}/saisons/${cohortSlug}/comites`;
export const committeePath = (committeeId: string) => `${SPACE}/comites/${committeeId}`;
export const committeeEditPath = (committeeId: string) => `${committeePath(committeeId)}/modifier`;
export const itemPath = (committeeId: string, itemId: string) =>
  `${committeePath(committeeId)}/points/${itemId}`;
export const materialsFilePath = (committeeId: string, itemId: string) =>
  `${itemPath(committeeId, itemId)}/document`;
