import type { Platform } from '../../platform/platform.ts';

// Placeholder while this part is being written (issue 7).
export async function seedDemoAccueil(_platform: Platform): Promise<void> {}
