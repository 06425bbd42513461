/**
 * The phases of opening an ssh connection (and its first channel), timed for the debug trace: where the
 * time of an ssh:// run goes (reading the client configuration, the TCP connection, the key exchange, the
 * host key check, authentication, the first channel). Pure: the clock comes in.
 */
export interface PhaseMark {
  /** What ended at `at`: `settings`, `tcp`, `kex`... */
  phase: string;
  /** Milliseconds since the process started (performance.now()). */
  at: number;
}

export class Phases {
  readonly marks: PhaseMark[] = [];
  constructor(
    /** When the work began (ms since the process started). */
    readonly start: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** `phase` ended now, or at `at` (a phase already marked keeps its first time). */
  mark(phase: string, at?: number): void {
    if (!this.marks.some((m) => m.phase === phase)) this.marks.push({ phase, at: at ?? this.clock() });
  }

  toString(): string {
    return formatPhases(this.start, this.marks);
  }
}

/**
 * Pure: `start 120 ms, settings +0.4, tcp +2.1, kex +40.2, auth +9.8 = 52.5 ms`: when the work began (since
 * the process started), each phase's own time (since the one before, in the order they ended) and the total.
 */
export function formatPhases(start: number, marks: PhaseMark[]): string {
  const sorted = [...marks].sort((a, b) => a.at - b.at);
  let prev = start;
  const parts = sorted.map((m) => {
    const part = `${m.phase} +${(m.at - prev).toFixed(1)}`;
    prev = m.at;
    return part;
  });
  return [`start ${start.toFixed(0)} ms`, ...parts].join(', ') + ` = ${(prev - start).toFixed(1)} ms`;
}
