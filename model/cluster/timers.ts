/** Timers as data: fired by `timer` events, which advance virtual time to their due time. */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import type { ClusterState, Timer, TimerKind } from './types.ts';

/** The index of timer `id` in `timers`, or -1. */
function indexOfTimer(timers: readonly Timer[], id: string): number {
  for (let i = 0; i < timers.length; i++) if (timers[i].id === id) return i;
  return -1;
}

export function timerId(kind: TimerKind, node: string, target: string): string {
  return `${kind}:${node}:${target}`;
}

/** Sets (or moves) a timer. One timer per (kind, node, target). */
export function setTimer(state: ClusterState, kind: TimerKind, node: string, target: string, delayMs: number): void {
  assert(delayMs >= 0, () => `timer delay must be non-negative (${kind} ${delayMs})`);
  const id = timerId(kind, node, target);
  const dueMs = state.nowMs + delayMs;
  const timers = state.timers;
  const existing = indexOfTimer(timers, id);
  if (existing >= 0) timers.splice(existing, 1);
  assert(timers.length < LIMITS.timersMax, () => `more than ${LIMITS.timersMax} timers`);
  const timer: Timer = { id, kind, node, dueMs, target };
  // Keep sorted by (dueMs, id) so enabled() and fingerprints are canonical.
  let index = timers.length;
  while (index > 0 && (timers[index - 1].dueMs > dueMs || (timers[index - 1].dueMs === dueMs && timers[index - 1].id > id))) index--;
  timers.splice(index, 0, timer);
}

export function clearTimer(state: ClusterState, kind: TimerKind, node: string, target: string): void {
  const id = timerId(kind, node, target);
  const index = indexOfTimer(state.timers, id);
  if (index >= 0) state.timers.splice(index, 1);
}

export function hasTimer(state: ClusterState, kind: TimerKind, node: string, target: string): boolean {
  const id = timerId(kind, node, target);
  return indexOfTimer(state.timers, id) >= 0;
}

export function clearTimersOf(state: ClusterState, node: string): void {
  state.timers = state.timers.filter((t) => t.node !== node);
}

export function takeTimer(state: ClusterState, id: string): Timer {
  const index = indexOfTimer(state.timers, id);
  assert(index >= 0, () => `no timer ${id}`);
  const [timer] = state.timers.splice(index, 1);
  return timer;
}
