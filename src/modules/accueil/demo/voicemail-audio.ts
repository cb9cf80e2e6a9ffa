import { silence, tone } from '../media/g711.ts';
import { g711Wav } from '../media/wav.ts';

/** How long the demo voicemails last: a real, short WAV, so the console's player has something to play. */
export const DEMO_VOICEMAIL_MS = 2000;

/**
 * The demo voicemails' audio: 2 s of 8 kHz µ-law in a WAV (format 7), as the voice server records
 * them — a short 440 Hz tone (the beep) then silence. No voice: nobody's message, even a fictitious one.
 */
export function demoVoicemailWav(): Buffer {
  const beep = tone([440], 400, 'ulaw');
  return g711Wav(Buffer.concat([beep, silence(DEMO_VOICEMAIL_MS - 400, 'ulaw')]), 'ulaw');
}
