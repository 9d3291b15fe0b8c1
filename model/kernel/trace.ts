import type { ModelEvent } from './model.ts';

/** One executed step of a run: what happened, when (virtual ms), and in words. */
export interface TraceStep<E extends ModelEvent = ModelEvent> {
  index: number;
  timeMs: number;
  event: E;
  description: string;
}

/** A trace serialises to one JSON line per step, byte-identical for the same seed. */
export function traceToJsonLines(steps: readonly TraceStep[]): string {
  return steps.map((s) => JSON.stringify({ i: s.index, t: s.timeMs, event: s.event, d: s.description })).join('\n') + (steps.length ? '\n' : '');
}

/** Human form: "  12 @ 3000ms  broker 2 crashes ...". */
export function traceToText(steps: readonly TraceStep[]): string {
  return steps.map((s) => `${String(s.index).padStart(4)} @ ${String(s.timeMs).padStart(6)}ms  ${s.description}`).join('\n');
}
