/** Timers as data: fired by `timer` events, which advance virtual time to their due time. */
import { assert } from '../kernel/assert.ts';
import { LIMITS } from '../limits.ts';
import type { ClusterState, Timer, TimerKind } from './types.ts';

/** The index of timer `id` in `timers`, or -1. */
function indexOfTimer(timers: readonly Timer[], id: string): number {
  for (let i = 0; i < timers.length; i++) if (timers[i].id === id) return i;
  return -1;
}

/**
 * The index of the timer of (kind, node, target) in `timers`, or -1: the timer whose id is
 * timerId(kind, node, target), found by its parts (neither a kind nor a node name holds a ':', so
 * equal ids are equal parts), without building the id.
 */
function indexOfTimerFor(timers: readonly Timer[], kind: TimerKind, node: string, target: string): number {
  for (let i = 0; i < timers.length; i++) {
    const timer = timers[i];
    if (timer.kind === kind && timer.node === node && timer.target === target) return i;
  }
  return -1;
}

export function timerId(kind: TimerKind, node: string, target: string): string {
  return `${kind}:${node}:${target}`;
}

/** Sets (or moves) a timer. One timer per (kind, node, target). */
export function setTimer(state: ClusterState, kind: TimerKind, node: string, target: string, delayMs: number): void {
  assert(delayMs >= 0, () => `timer delay must be non-negative (${kind} ${delayMs})`);
  const dueMs = state.nowMs + delayMs;
  const timers = state.timers;
  const existing = indexOfTimerFor(timers, kind, node, target);
  // A timer moved keeps its id (the same text); a new one gets it built.
  const id = existing >= 0 ? timers[existing].id : timerId(kind, node, target);
  if (existing >= 0) timers.splice(existing, 1);
  assert(timers.length < LIMITS.timersMax, () => `more than ${LIMITS.timersMax} timers`);
  const timer: Timer = { id, kind, node, dueMs, target };
  // Keep sorted by (dueMs, id) so enabled() and fingerprints are canonical.
  let index = timers.length;
  while (index > 0 && (timers[index - 1].dueMs > dueMs || (timers[index - 1].dueMs === dueMs && timers[index - 1].id > id))) index--;
  timers.splice(index, 0, timer);
}

export function clearTimer(state: ClusterState, kind: TimerKind, node: string, target: string): void {
  const index = indexOfTimerFor(state.timers, kind, node, target);
  if (index >= 0) state.timers.splice(index, 1);
}

export function hasTimer(state: ClusterState, kind: TimerKind, node: string, target: string): boolean {
  return indexOfTimerFor(state.timers, kind, node, target) >= 0;
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
