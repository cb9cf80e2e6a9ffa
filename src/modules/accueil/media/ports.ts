/**
 * RTP ports: one even UDP port per call from the configured range (config.telephony.rtpPorts; RTP uses
 * even ports, RTCP the odd one above, which we leave free). Ports are handed out round-robin from a
 * random start, so a port just released is the last to be reused and late packets of a finished call
 * do not land in a new one. A port held by another program is skipped.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

export type PortRange = { min: number; max: number };

export type RtpPort = {
  socket: Socket;
  port: number;
  /** Closes the socket and gives the port back (idempotent). */
  close(): void;
};

export class NoRtpPortError extends Error {
  override name = 'NoRtpPortError';
}

const inUse = new Set<string>();
const cursors = new Map<string, number>();

/** Binds a UDP socket on an even port of `range` at `host`; throws NoRtpPortError when none is free. */
export async function openRtpPort(host: string, range: PortRange): Promise<RtpPort> {
  const first = range.min % 2 === 0 ? range.min : range.min + 1;
  const count = first > range.max ? 0 : Math.floor((range.max - first) / 2) + 1;
  const rangeKey = `${host}|${range.min}|${range.max}`;
  const start = cursors.get(rangeKey) ?? Math.floor(Math.random() * count);
  for (let i = 0; i < count; i++) {
    const index = (start + i) % count;
    const port = first + index * 2;
    const key = `${host}|${port}`;
    if (inUse.has(key)) continue;
    inUse.add(key);
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    const error = await bind(socket, host, port);
    if (!error) {
      cursors.set(rangeKey, (index + 1) % count);
      let closed = false;
      return {
        socket,
        port,
        close() {
          if (closed) return;
          closed = true;
          inUse.delete(key);
          try {
            socket.close();
          } catch {
            // already closed
          }
        },
      };
    }
    inUse.delete(key);
    socket.close();
    if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
  }
  throw new NoRtpPortError(`no free even UDP port in ${range.min}-${range.max} on ${host}`);
}

function bind(socket: Socket, host: string, port: number): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      socket.off('listening', onListening);
      resolve(error);
    };
    const onListening = () => {
      socket.off('error', onError);
      resolve(null);
    };
    socket.once('error', onError);
    socket.once('listening', onListening);
    socket.bind({ port, address: host, exclusive: true });
  });
}

/** Ports of this process currently handed out (for tests and the bench). */
export function rtpPortsInUse(): number {
  return inUse.size;
}
