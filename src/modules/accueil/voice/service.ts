import pino from 'pino';
import type { RunningService } from '../../../platform/modules.ts';
import type { Platform } from '../../../platform/platform.ts';
import { startVoiceServer } from './server.ts';

/**
 * Started by `npm start` (src/server.ts) when SIP_ENABLED is on (the default outside tests): the voice
 * server on SIP_HOST:SIP_PORT. A port already taken is logged and the web platform goes on.
 */
export async function startVoiceService(platform: Platform): Promise<RunningService | undefined> {
  const settings = platform.config.telephony;
  if (!settings.enabled) return undefined;
  const log = pino({ level: platform.config.logLevel, base: { service: 'voix' } });
  const server = await startVoiceServer(platform, {
    host: settings.host,
    port: settings.port,
    publicAddress: settings.publicAddress,
    rtpPorts: settings.rtpPorts,
    trunk: settings.trunk,
    transfer: settings.transfer,
    log,
  });
  log.info(
    { sip: `${settings.host}:${settings.port}`, rtp: settings.rtpPorts },
    `serveur vocal prêt sur sip:${settings.host}:${settings.port} (UDP)`,
  );
  return { name: 'serveur vocal', stop: () => server.stop() };
}
