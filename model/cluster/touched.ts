/**
 * What steps changed of the replication state, per partition, for a reader that asks between
 * steps (the state invariants, judged after every step, re-check only what changed): a replica's
 * log, high watermark, leader epoch or role; the controller's leader, ISR or ELR of the partition;
 * the ghost high watermark; an acknowledgement of a send to it. A change to where brokers stand
 * (a crash, restart, pause, resume or shutdown, a new registration, an added partition) touches
 * every partition.
 *
 * Kept beside the state, not in it: nothing here is cloned, fingerprinted or replayed, and a
 * state nobody watches (watchTouches) records nothing. A reader that finds no record for a state
 * (a clone, a state built by hand) must assume everything changed.
 */
import type { ClusterState } from './types.ts';

export interface Touches {
  /** Every partition may have changed. */
  all: boolean;
  /** Partitions changed (in the order first touched; may repeat), when not `all`. */
  partitions: number[];
}

const TOUCHES = new WeakMap<ClusterState, Touches>();
/** Partitions listed between two watchTouches before the record gives up and says `all`. */
const TOUCHED_PARTITIONS_MAX = 64;

/** Starts (or restarts) recording what changes in `state`; returns the record, empty. */
export function watchTouches(state: ClusterState): Touches {
  let touches = TOUCHES.get(state);
  if (touches === undefined) TOUCHES.set(state, (touches = { all: false, partitions: [] }));
  touches.all = false;
  touches.partitions.length = 0;
  return touches;
}

/** What changed in `state` since watchTouches, or null when nobody watches it. */
export function touchesOf(state: ClusterState): Touches | null {
  return TOUCHES.get(state) ?? null;
}

/** Partition `partition`'s replication state changed. */
export function touchPartition(state: ClusterState, partition: number): void {
  const touches = TOUCHES.get(state);
  if (touches === undefined || touches.all) return;
  const partitions = touches.partitions;
  if (partitions.length > 0 && partitions[partitions.length - 1] === partition) return;
  if (partitions.length >= TOUCHED_PARTITIONS_MAX) touches.all = true;
  else partitions.push(partition);
}

/** Where brokers stand changed, or the partitions themselves: every partition counts as changed. */
export function touchAll(state: ClusterState): void {
  const touches = TOUCHES.get(state);
  if (touches !== undefined) touches.all = true;
}
