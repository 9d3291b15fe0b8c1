/**
 * Where a broker stands, as the state invariants judge it. A broker "holds state" while its
 * process keeps memory (running or paused; a crashed or stopped broker's memory is gone). It is
 * "current" when it holds state and the controller has registered this very process (the
 * controller's incarnation matches): a restarted broker that has not re-registered is not.
 */
import type { ClusterState } from '../model/cluster/types.ts';

/** Broker `brokerId` (1-based) is running or paused. */
export function holdsState(state: ClusterState, brokerId: number): boolean {
  const broker = state.brokers[brokerId - 1];
  if (broker === undefined) return false;
  return broker.status === 'running' || broker.status === 'paused';
}

/** Broker `brokerId` holds state and the controller has registered its current incarnation. */
export function isCurrent(state: ClusterState, brokerId: number): boolean {
  if (!holdsState(state, brokerId)) return false;
  const view = state.controller.brokers[brokerId - 1];
  if (view === undefined) return false;
  return view.incarnation === state.brokers[brokerId - 1].incarnation;
}

/**
 * Per broker index, holdsState, written into `out` (a scratch array the caller reuses) and
 * returned: for a property that asks it for every partition of every broker.
 */
export function holdingState(state: ClusterState, out: boolean[]): boolean[] {
  for (let i = 0; i < state.brokers.length; i++) out[i] = holdsState(state, i + 1);
  return out;
}
