import type { Platform } from '../../platform/platform.ts';

/** The 2019 cohort (Var + Pau), for the demo. */
export async function seedDemoProgramme(_platform: Platform): Promise<void> {}
