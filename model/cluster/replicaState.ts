/** A fresh, empty replica of a partition. */
import type { ReplicaState } from './types.ts';

export function createReplica(partition: number): ReplicaState {
  return {
    partition,
    log: [],
    flushedCount: 0,
    highWatermark: 0,
    leaderEpoch: -1,
    role: 'none',
    leaderId: -1,
    epochCache: [],
    isr: [],
    isrChange: null,
    partitionEpoch: -1,
    followers: [],
    pendingProduces: [],
    fetchInFlight: false,
    truncationPending: false,
    fetchBackoff: false,
    fetchFailed: false,
  };
}

