import { constants, PerformanceObserver, type NodeGCPerformanceDetail, type PerformanceEntry } from 'node:perf_hooks';

/** What `/_emulator/process` reports: the emulator process's CPU, GC and memory, for benchmarks to read. */
export interface ProcessStats {
  /** CPU time of the whole process (all threads) since it started, in microseconds. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** Garbage collection pauses since the emulator started: count and total milliseconds, by kind. */
  gc: Record<'minor' | 'major' | 'incremental' | 'weakcb', { count: number; ms: number }>;
  heapUsedBytes: number;
  /** Memory outside the JS heap that V8 knows about (Buffers and other ArrayBuffers among it). */
  externalBytes: number;
  arrayBuffersBytes: number;
  rssBytes: number;
}

const KINDS: Record<number, keyof ProcessStats['gc']> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** Starts counting GC pauses; `read()` gives the figures so far, `stop()` ends the counting. */
export function watchProcess(): { read(): ProcessStats; stop(): void } {
  const gc: ProcessStats['gc'] = { minor: { count: 0, ms: 0 }, major: { count: 0, ms: 0 }, incremental: { count: 0, ms: 0 }, weakcb: { count: 0, ms: 0 } };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = KINDS[(entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail?.kind ?? -1];
      if (!kind) continue;
      gc[kind].count += 1;
      gc[kind].ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    read: () => {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      return {
        cpuUserMicros: cpu.user,
        cpuSystemMicros: cpu.system,
        gc: structuredClone(gc),
        heapUsedBytes: memory.heapUsed,
        externalBytes: memory.external,
        arrayBuffersBytes: memory.arrayBuffers,
        rssBytes: memory.rss,
      };
    },
    stop: () => observer.disconnect(),
  };
}
