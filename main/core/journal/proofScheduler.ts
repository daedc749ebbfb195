/**
 * Looks for the audit records of new changes on its own, while Warden runs: soon after a change, then
 * less and less often (Exchange takes from minutes to hours), until no change of the profile waits.
 * Timers never keep the process alive; a restart picks up again at the first change or manual check.
 */
export const PROOF_DELAYS_MS = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000];

export interface ProofRun {
  /** Changes still waiting for their record after this check. */
  waiting: number;
}

export class ProofScheduler {
  private readonly verify: (profileId: string) => Promise<ProofRun>;
  private readonly delays: readonly number[];
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; step: number }>();
  private readonly onError: (profileId: string, error: unknown) => void;
  private stopped = false;

  constructor(options: { verify: (profileId: string) => Promise<ProofRun>; delays?: readonly number[]; onError: (profileId: string, error: unknown) => void }) {
    this.verify = options.verify;
    this.delays = options.delays ?? PROOF_DELAYS_MS;
    this.onError = options.onError;
  }

  /** A change was made: check soon, then back off again. */
  kick(profileId: string): void {
    if (!this.stopped) this.schedule(profileId, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(profileId: string, step: number): void {
    const existing = this.timers.get(profileId);
    if (existing) clearTimeout(existing.timer);
    const delay = this.delays[Math.min(step, this.delays.length - 1)]!;
    const timer = setTimeout(() => void this.run(profileId, step), delay);
    timer.unref();
    this.timers.set(profileId, { timer, step });
  }

  private async run(profileId: string, step: number): Promise<void> {
    this.timers.delete(profileId);
    let waiting = 1;
    try {
      waiting = (await this.verify(profileId)).waiting;
    } catch (error) {
      this.onError(profileId, error);
    }
    if (waiting > 0 && !this.stopped && !this.timers.has(profileId)) this.schedule(profileId, step + 1);
  }
}
