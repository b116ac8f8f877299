// CPU time as benchmarks account for it, from /proc (Linux only; elsewhere it reads nothing):
// - how much of the machine's CPU the hypervisor took while a measurement ran ("steal" in
//   /proc/stat): on a shared virtual machine it can be half of every core, which halves throughput
//   and multiplies tail latency without anything on the machine itself being busy;
// - the CPU seconds a process used (the server under test, nats-server, PostgreSQL's processes),
//   which, per request or per event, do not depend on how busy the machine was.
import fs from 'node:fs';

interface CpuTicks {
  total: number;
  steal: number;
}

function readTicks(): CpuTicks | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is in user).
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null;
    return { total: fields.reduce((sum, n) => sum + n, 0), steal: fields[7]! };
  } catch {
    return null;
  }
}

/** Starts a window; `share()` is the fraction of CPU time stolen since (null when unknown). */
export function stealWindow(): { share(): number | null } {
  const start = readTicks();
  return {
    share() {
      const end = readTicks();
      if (!start || !end || end.total <= start.total) return null;
      return (end.steal - start.steal) / (end.total - start.total);
    },
  };
}

/** CPU seconds (user + system, all threads) used so far by the processes that `matches`, summed. */
function cpuSecondsOf(matches: (ppid: number, command: string, pid: string) => boolean): number | undefined {
  const ticksPerSecond = 100; // Linux's USER_HZ on every architecture Node runs on
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let seconds: number | undefined;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; then state, ppid, ...
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!matches(Number(fields[1]), command, pid)) continue;
      seconds = (seconds ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      // the process ended while we looked
    }
  }
  return seconds;
}

/**
 * CPU seconds used so far by this process's child running `entry`: the server under test. Divided
 * by the wall time of a phase, it is the number of cores the server actually used. Undefined where
 * /proc is not there.
 */
export function childCpuSeconds(entry: string): number | undefined {
  return cpuSecondsOf(
    (ppid, _command, pid) =>
      ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(entry),
  );
}

/** CPU seconds used so far by the local nats-server (shared: other clients' work counts too). */
export function natsServerCpuSeconds(): number | undefined {
  return cpuSecondsOf((_ppid, command) => command === 'nats-server');
}

/**
 * CPU seconds used so far by PostgreSQL's processes on this machine (every database's: a server
 * shared with other work counts theirs too). A backend that exits takes its time with it, so
 * measure over a window in which the connections stay open (pools do).
 */
export function postgresCpuSeconds(): number | undefined {
  return cpuSecondsOf((_ppid, command) => command === 'postgres');
}

export interface CpuPerRequest {
  /** Milliseconds of the server process's CPU per request; undefined where /proc is not there. */
  serverMs: number | undefined;
  /** Milliseconds of PostgreSQL's CPU (all its processes) per request. */
  postgresMs: number | undefined;
}

/** Starts a window over the CPU time of the server running `entry` and of PostgreSQL. */
export function cpuPerRequestWindow(entry: string): { end(requests: number): CpuPerRequest } {
  const start = [childCpuSeconds(entry), postgresCpuSeconds()];
  return {
    end(requests) {
      const end = [childCpuSeconds(entry), postgresCpuSeconds()];
      const [serverMs, postgresMs] = [0, 1].map((i) =>
        start[i] === undefined || end[i] === undefined || requests === 0
          ? undefined
          : ((end[i]! - start[i]!) * 1000) / requests,
      );
      return { serverMs, postgresMs };
    },
  };
}
