import type { RunningService } from '../../../platform/modules.ts';
import type { Platform } from '../../../platform/platform.ts';

// Placeholder while this part is being written (issue 7).
export async function startVoiceService(_platform: Platform): Promise<RunningService | undefined> {
  return undefined;
}
