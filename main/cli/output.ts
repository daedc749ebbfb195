import cliProgress from 'cli-progress';

export interface CliStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Reports the progress of long work: a bar on a terminal, JSON lines with --json, quiet otherwise. */
export interface Progress {
  update(done: number, total?: number | null): void;
  stop(): void;
}

/**
 * All command output goes through here, so the conventions hold for every command:
 * stdout carries the result (with --json, its last line is one JSON object); progress and logs go to stderr.
 */
export class CliOutput {
  readonly json: boolean;
  private readonly streams: CliStreams;

  constructor(streams: CliStreams, json: boolean) {
    this.streams = streams;
    this.json = json;
  }

  /** The command's result: `value` as the final JSON line with --json, else the human text. */
  result(value: unknown, human: string | (() => string)): void {
    if (this.json) this.streams.stdout.write(`${JSON.stringify(value)}\n`);
    else {
      const text = typeof human === 'function' ? human() : human;
      if (text) this.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }

  /** A line for people (warnings, notes), on stderr so it never mixes with results. */
  note(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }

  /** A failure: one line on stderr, and with --json an error object as the last stdout line. */
  failure(code: string, message: string): void {
    this.streams.stderr.write(`warden: ${message}\n`);
    if (this.json) this.streams.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  }

  progress(label: string): Progress {
    if (this.json) return new JsonLinesProgress(this.streams.stderr, label);
    if (this.streams.stderr.isTTY) return new BarProgress(this.streams.stderr, label);
    return { update() {}, stop() {} };
  }
}

class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;
  private started = false;
  constructor(stream: NodeJS.WritableStream, label: string) {
    this.bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% {value}/{total} {rate}/s ETA {eta_formatted}`, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
  }
  update(done: number, total?: number | null) {
    if (!this.started) {
      this.bar.start(total ?? done, done, { rate: '0' });
      this.started = true;
    }
    if (total != null) this.bar.setTotal(total);
    else if (done > this.bar.getTotal()) this.bar.setTotal(done);
    const elapsed = (Date.now() - (this.bar as unknown as { startTime: number }).startTime) / 1000;
    this.bar.update(done, { rate: elapsed > 0 ? Math.round(done / elapsed).toLocaleString('en-US') : '0' });
  }
  stop() {
    if (this.started) this.bar.stop();
  }
}

/** One JSON object per line on stderr, at most every 250 ms, plus the last one. */
class JsonLinesProgress implements Progress {
  private readonly stream: NodeJS.WritableStream;
  private readonly label: string;
  private readonly started = Date.now();
  private lastWrite = 0;
  private last: { done: number; total: number | null } | null = null;
  constructor(stream: NodeJS.WritableStream, label: string) {
    this.stream = stream;
    this.label = label;
  }
  update(done: number, total?: number | null) {
    this.last = { done, total: total ?? null };
    const now = Date.now();
    if (now - this.lastWrite >= 250) this.flush(now);
  }
  stop() {
    if (this.last) this.flush(Date.now());
  }
  private flush(now: number) {
    if (!this.last) return;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.last.done / seconds : 0;
    const eta = this.last.total != null && rate > 0 ? Math.max(0, (this.last.total - this.last.done) / rate) : null;
    this.stream.write(
      `${JSON.stringify({ progress: { label: this.label, done: this.last.done, total: this.last.total, rate: Math.round(rate), etaSeconds: eta === null ? null : Math.round(eta) } })}\n`,
    );
    this.lastWrite = now;
  }
}
