// Work done only while no content blob request is being answered: the feed uses it to generate the next hours of
// history ahead of the collector. Generating an hour blocks the event loop for up to ~0.25 s (a busy hour of a
// large tenant), and a request that arrives meanwhile waits; between requests the server would otherwise idle
// while the collector parses what it was sent, so moving the generation there lets the two overlap.

export class IdleWork {
  /** Blob requests from their arrival (before authentication) until their response is sent or abandoned. */
  private busy = 0;
  private scheduled = false;
  private job: (() => boolean) | null;

  /**
   * `step` does one piece of work (one hour) and returns whether there is more; it runs whenever nothing is
   * busy, one piece per turn of the event loop, so requests that arrive in between are answered first.
   */
  constructor(step: () => boolean) {
    this.job = step;
  }

  /** A request has arrived: call the returned function once when its response is sent or abandoned. */
  begin(): () => void {
    this.busy += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.busy -= 1;
      this.schedule();
    };
  }

  /** Asks for a turn of the idle work (after the requests in progress, and any waiting to be read, are done). */
  schedule(): void {
    if (this.scheduled || this.busy > 0 || !this.job) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: requests that have arrived by then are read (and counted) first.
    setImmediate(() => {
      this.scheduled = false;
      if (this.busy > 0 || !this.job) return;
      if (this.job()) this.schedule();
    });
  }

  /** No more idle work (the emulator stops). */
  stop(): void {
    this.job = null;
  }
}
