// How much of the machine's CPU the hypervisor took while a measurement ran ("steal" in
// /proc/stat): on a shared virtual machine it can be half of every core, which halves throughput
// and multiplies tail latency without anything on the machine itself being busy. Benchmarks report
// it beside their latencies so that runs can be compared. Linux only; elsewhere it reads nothing.
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
