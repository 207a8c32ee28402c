import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Peak resident memory of the processes whose command line contains `marker` (the provider's
 * executable name) and that run in directory `cwd` (terraform starts plugins by a relative
 * path from its working directory, and other terraform runs may share this machine), sampled from /proc: VmHWM is the kernel's own high-water mark, so a sample
 * just before a process exits still sees its peak. Linux only; elsewhere it reports nothing.
 */
export class PeakMemory {
  private readonly peaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly marker: string,
    private readonly cwd: string,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** The largest peak of any one matching process so far (bytes), and how many there were. */
  read(): { readonly peakBytes: number; readonly processes: number } {
    this.sample();
    return { peakBytes: Math.max(0, ...this.peaks.values()), processes: this.peaks.size };
  }

  reset(): void {
    this.peaks.clear();
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
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(this.marker) || readlinkSync(`/proc/${pid}/cwd`) !== this.cwd) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) this.peaks.set(Number(pid), Math.max(this.peaks.get(Number(pid)) ?? 0, Number(hwm[1]) * 1024));
      } catch {
        // The process ended between listing and reading.
      }
    }
  }
}
