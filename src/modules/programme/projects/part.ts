import type { ProgrammePart } from '../part.ts';

export const projectsPart: ProgrammePart = {};
