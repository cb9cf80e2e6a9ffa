import type { ProgrammePart } from '../part.ts';

export const cohortsPart: ProgrammePart = {};
