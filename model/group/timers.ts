/** Timers as data: fired by `timer` events, which advance virtual time to their due time. */
import { assert } from '../kernel/assert.ts';
import { GROUP_LIMITS } from './limits.ts';
import type { GroupModelState, GroupTimer, GroupTimerKind } from './types.ts';

export function groupTimerId(kind: GroupTimerKind, node: string, target: string): string {
  return `${kind}:${node}:${target}`;
}

/**
 * Whether `t` is the timer (kind, node, target): the same as comparing ids, since an id is built
 * from exactly these and neither a kind nor a node name ("broker-1", "consumer-2", "producer",
 * "log-manager") holds a ':'; comparing the parts spares comparing long, mostly equal ids.
 */
function isTimer(t: GroupTimer, kind: GroupTimerKind, node: string, target: string): boolean {
  return t.kind === kind && t.node === node && t.target === target;
}

/** Sets (or moves) a timer; one per (kind, node, target). Kept sorted by (dueMs, id). */
export function setGroupTimer(state: GroupModelState, kind: GroupTimerKind, node: string, target: string, delayMs: number): void {
  assert(delayMs >= 0, `timer delay must be non-negative (${kind} ${delayMs})`);
  const id = groupTimerId(kind, node, target);
  const dueMs = state.nowMs + delayMs;
  const timers = state.timers;
  const existing = timers.findIndex((t) => isTimer(t, kind, node, target));
  if (existing >= 0) timers.splice(existing, 1);
  assert(timers.length < GROUP_LIMITS.timersMax, `more than ${GROUP_LIMITS.timersMax} timers`);
  const timer: GroupTimer = { id, kind, node, dueMs, target };
  let index = timers.length;
  while (index > 0 && (timers[index - 1].dueMs > dueMs || (timers[index - 1].dueMs === dueMs && timers[index - 1].id > id))) index--;
  timers.splice(index, 0, timer);
}

export function clearGroupTimer(state: GroupModelState, kind: GroupTimerKind, node: string, target: string): void {
  const index = state.timers.findIndex((t) => isTimer(t, kind, node, target));
  if (index >= 0) state.timers.splice(index, 1);
}

/** Clears every timer of `node` (a crashed consumer, a coordinator that resigned). */
export function clearGroupTimersOf(state: GroupModelState, node: string): void {
  state.timers = state.timers.filter((t) => t.node !== node);
}

export function hasGroupTimer(state: GroupModelState, kind: GroupTimerKind, node: string, target: string): boolean {
  return state.timers.some((t) => isTimer(t, kind, node, target));
}

export function takeGroupTimer(state: GroupModelState, id: string): GroupTimer {
  const index = state.timers.findIndex((t) => t.id === id);
  assert(index >= 0, `no timer ${id}`);
  const [timer] = state.timers.splice(index, 1);
  return timer;
}
