import type { ProgrammePart } from '../part.ts';

export const committeePart: ProgrammePart = {};
