import type { ProgrammePart } from '../part.ts';

export const portfolioPart: ProgrammePart = {};
