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

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat (Linux). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
