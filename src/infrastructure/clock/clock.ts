/** Every "now" in the service comes from here, so tests can move time (STYLE.md §6). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** For tests: starts at a fixed instant and moves only when told. */
export class FakeClock extends Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-02T01:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(t: Date | string): void {
    this.current = new Date(t).getTime();
  }
  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}
