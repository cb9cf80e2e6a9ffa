import type { ProgrammePart } from '../part.ts';

export const selectionPart: ProgrammePart = {};
