import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds a process has used so far in user and kernel mode, from /proc/<pid>/stat. */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** Resident set size in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/** Samples RSS every `intervalMs` while running; `stop()` returns the peak. */
export function sampleRss(pid: number, intervalMs = 500): { stop(): { peakMiB: number; lastMiB: number } } {
  let peak = 0;
  let last = 0;
  const timer = setInterval(() => {
    try {
      last = rssMiB(pid);
      peak = Math.max(peak, last);
    } catch {
      // process gone
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakMiB: peak, lastMiB: last };
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Pin a process (all its threads; threads it creates later inherit this) to one CPU, so the server
 * and the load generator do not steal each other's core. Skipped when taskset or a
 * second core is missing. Returns whether it pinned. Off by default (BENCH_PIN=1 turns it on): on
 * two cores the load generator then runs out of CPU and measures its own queueing.
 */
export function pinToCpu(pid: number, cpu: number): boolean {
  if (process.env.BENCH_PIN !== '1' || os.availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
