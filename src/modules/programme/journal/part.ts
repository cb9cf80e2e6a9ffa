import type { ProgrammePart } from '../part.ts';

export const journalPart: ProgrammePart = {};
