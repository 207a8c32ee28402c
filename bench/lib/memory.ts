import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Peak resident memory of the processes whose command line contains `marker` (the provider's
 * executable name) and that run in directory `cwd` (terraform starts plugins by a relative
 * path from its working directory, and other terraform runs may share this machine), sampled from /proc: VmHWM is the kernel's own high-water mark, so a sample
 * just before a process exits still sees its peak. Linux only; elsewhere it reports nothing.
 */
export class PeakMemory {
  private readonly peaks = new Map<number, number>();
  /** CPU seconds (user + system) each process had used when last sampled: a process's last 100 ms escape it. */
  private readonly cpu = new Map<number, number>();
  /** Processes found not to be the provider (nor terraform): later samples skip them. */
  private readonly others = new Set<number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly marker: string,
    private readonly cwd: string,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** The largest peak of any one matching process so far (bytes), how many there were, and the CPU they used. */
  read(): { readonly peakBytes: number; readonly processes: number; readonly cpuSeconds: number } {
    this.sample();
    const cpuSeconds = [...this.cpu.values()].reduce((a, b) => a + b, 0);
    return { peakBytes: Math.max(0, ...this.peaks.values()), processes: this.peaks.size, cpuSeconds: Math.round(cpuSeconds * 100) / 100 };
  }

  reset(): void {
    this.peaks.clear();
    this.cpu.clear();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
    } catch {
      return;
    }
    for (const pid of pids) {
      if (this.others.has(Number(pid))) continue;
      try {
        if (!this.peaks.has(Number(pid))) {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          if (!cmdline.includes(this.marker) || readlinkSync(`/proc/${pid}/cwd`) !== this.cwd) {
            // Terraform's own processes are read again: a child it has forked but not yet exec'd shows its command line.
            if (!cmdline.includes('terraform')) this.others.add(Number(pid));
            continue;
          }
        }
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) this.peaks.set(Number(pid), Math.max(this.peaks.get(Number(pid)) ?? 0, Number(hwm[1]) * 1024));
        const cpu = cpuSecondsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'), 14);
        if (cpu !== undefined) this.cpu.set(Number(pid), cpu);
      } catch {
        // The process ended between listing and reading.
      }
    }
  }
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux on every architecture Node runs on). */
const USER_HZ = 100;

/**
 * Two consecutive times of a /proc/<pid>/stat line, in seconds: from field 14 utime + stime, from
 * field 16 cutime + cstime (children that were waited for). Fields count from 1, after the command
 * name in parentheses, which may itself hold spaces.
 */
function cpuSecondsOf(stat: string, field: number): number | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state).
  const a = Number(rest[field - 3]);
  const b = Number(rest[field - 2]);
  return Number.isFinite(a) && Number.isFinite(b) ? (a + b) / USER_HZ : undefined;
}

/**
 * CPU seconds used by this process's children that have ended and been waited for, and theirs in
 * turn: read before and after a terraform run, the difference is the CPU of terraform and every
 * plugin it started. Undefined off Linux.
 */
export function endedChildrenCpuSeconds(): number | undefined {
  try {
    return cpuSecondsOf(readFileSync('/proc/self/stat', 'utf8'), 16);
  } catch {
    return undefined;
  }
}
