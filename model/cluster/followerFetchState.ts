/**
 * What a leader knows of each follower from its fetches, as Kafka's Replica keeps it (Replica.scala
 * ReplicaState, Kafka 3.3+; trunk the same): the follower's log end offset, when it was last
 * caught up, and the leader's log end and the time at its previous fetch.
 *
 * Virtual time starts at 0, where Kafka's wall clock starts decades before a broker does: Kafka's
 * "lastCaughtUpTimeMs = 0" (never caught up in this leadership) is NEVER_MS here.
 */
import type { FollowerView } from './types.ts';

/** A time that never was: lastCaughtUpTimeMs / lastFetchTimeMs of a follower not seen caught up. */
export const NEVER_MS = -1;

/** A follower as a new leader knows it: Replica.resetReplicaState with isNewLeader. */
export function followerOnNewLeadership(brokerId: number, inIsr: boolean, nowMs: number): FollowerView {
  return {
    brokerId,
    logEndOffset: -1,
    // In the ISR: caught up now; else never, so that it does not hold the HW back.
    lastCaughtUpTimeMs: inIsr ? nowMs : NEVER_MS,
    lastFetchLeaderLogEndOffset: -1,
    lastFetchTimeMs: NEVER_MS,
    lastFetchLeaderEpoch: -1,
    brokerEpoch: -1,
  };
}

/**
 * A fetch at `fetchOffset` when the leader's log ended at `leaderEndOffset`
 * (Replica.updateFetchStateOrThrow): caught up now if it reached the leader's log end; else caught
 * up as of the previous fetch if it reached the log end the leader had then. So a follower
 * fetching steadily behind a stream of small produces still counts as in sync. The fetch's broker
 * epoch is kept (KIP-903, 3.5+), whichever rule judges it.
 */
export function recordFetch(follower: FollowerView, fetchOffset: number, leaderEndOffset: number, leaderEpoch: number, brokerEpoch: number, nowMs: number): void {
  if (fetchOffset >= leaderEndOffset) {
    follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, nowMs);
  } else if (fetchOffset >= follower.lastFetchLeaderLogEndOffset) {
    follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, follower.lastFetchTimeMs);
  }
  follower.logEndOffset = fetchOffset;
  follower.lastFetchLeaderLogEndOffset = Math.max(leaderEndOffset, follower.lastFetchLeaderLogEndOffset);
  follower.lastFetchTimeMs = nowMs;
  follower.lastFetchLeaderEpoch = leaderEpoch;
  follower.brokerEpoch = brokerEpoch;
}

/**
 * ReplicaState.isCaughtUp: at the leader's log end, or caught up within replica.lag.time.max.ms.
 * A follower that is not caught up leaves the ISR (Partition.getOutOfSyncReplicas); one that is
 * holds the HW back even outside the ISR (Partition.maybeIncrementLeaderHW).
 */
export function isCaughtUp(follower: FollowerView, leaderEndOffset: number, nowMs: number, lagMs: number): boolean {
  if (follower.logEndOffset === leaderEndOffset) return true;
  return follower.lastCaughtUpTimeMs !== NEVER_MS && nowMs - follower.lastCaughtUpTimeMs <= lagMs;
}
