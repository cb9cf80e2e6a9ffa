import autocannon from 'autocannon';
import { watchPeakRss } from './rss.ts';

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts, then answers outside 2xx. */
  errors: number;
  non2xx: number;
  peakRssMb: number;
};

/**
 * Sends GET requests to `url` from `connections` connections for `seconds`, while watching the
 * server's resident memory. A short unmeasured warm-up first lets the JIT and the pools settle.
 */
export async function measure(options: {
  url: string;
  cookie?: string;
  connections: number;
  seconds: number;
  serverPid: number;
}): Promise<LoadResult> {
  const headers: Record<string, string> = { accept: 'text/html', 'accept-encoding': 'gzip' };
  if (options.cookie) headers.cookie = options.cookie;
  await autocannon({ url: options.url, headers, connections: options.connections, duration: 2 });
  const rss = watchPeakRss(options.serverPid);
  const result = await autocannon({
    url: options.url,
    headers,
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    peakRssMb: rss.stop(),
  };
}
