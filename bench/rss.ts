import { readFileSync } from 'node:fs';

/** Resident memory of a process in MB, from /proc/<pid>/status (Linux); undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's resident memory until stopped, and returns the highest value seen. */
export function watchPeakRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = residentMb(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid) ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentMb(pid) ?? 0);
    },
  };
}
