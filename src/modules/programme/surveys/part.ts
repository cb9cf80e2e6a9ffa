import type { ProgrammePart } from '../part.ts';

export const surveysPart: ProgrammePart = {};
