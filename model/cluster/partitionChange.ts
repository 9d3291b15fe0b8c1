/**
 * One change of a partition's registration at the controller, as the KRaft controller's
 * PartitionChangeBuilder.build makes it (metadata module; read on trunk of late 2024, 4.0-dev):
 * a target ISR, the Eligible Leader Replicas it implies (KIP-966), the election, and the last known
 * leader. Every ISR change, fencing, unfencing and unclean-shutdown registration goes through it.
 *
 * - maybePopulateTargetElr (ELR on): a target ISR of at least min(min.insync.replicas, replicas)
 *   clears the ELR; a smaller one makes the ELR (ELR ∪ current ISR) minus the target ISR and minus
 *   a broker registering after an unclean shutdown. So a replica that leaves an ISR at or below min
 *   ISR stays electable: the leader's high watermark has not moved since (model.strict.min.isr).
 * - electAnyLeader: the current leader if still valid; else the first replica (assignment order)
 *   that is in the target ISR, or, with the target ISR empty, in the ELR, and acceptable (registered
 *   and unfenced); else, with ELR on and ISR and ELR both empty, the last known leader if acceptable
 *   (unclean: the docs' "Select the last known leader if it is unfenced"; trunk's
 *   canElectLastKnownLeader only logs a fenced one, the model follows the docs); else, with
 *   unclean.leader.election.enable, the first acceptable replica (unclean). An ELR member elected
 *   becomes the ISR alone; an unclean election sets the ISR to the new leader and clears the ELR.
 *   Both topic configs are read as in force at the controller now (alter-config may change them).
 * - The ISR takes the target unless the target is empty and ELR is off: without ELR the last ISR
 *   member stays in the ISR (ReplicationControlManager.handleBrokerFenced's "unless last").
 * - maybeUpdateLastKnownLeader (ELR on): the ISR becoming empty records the old leader; a partition
 *   that has a leader again forgets it.
 * A leader change bumps the leader epoch; any change bumps the partition epoch once. Leader
 * recovery (KIP-704's RECOVERING state after an unclean election) is not modelled.
 */
import { assert } from '../kernel/assert.ts';
import type { ClusterState, PartitionMeta } from './types.ts';
import { touchPartition } from './touched.ts';

export interface PartitionChange {
  /** The ISR wanted before the election (assignment order is restored). */
  targetIsr: number[];
  /** Who may lead (ReplicationControlManager's isAcceptableLeader: registered, unfenced, not the broker being removed). */
  acceptable: (brokerId: number) => boolean;
  /** A broker registering after an unclean shutdown: kept out of the ELR (KIP-966). -1: none. */
  uncleanShutdown: number;
}

/** Whether Eligible Leader Replicas are on (the feature flag eligible.leader.replicas.version). */
export function elrEnabled(state: ClusterState): boolean {
  return state.config['eligible.leader.replicas.version'] >= 1;
}

/**
 * ReplicationControlManager.getTopicEffectiveMinIsr: min(min.insync.replicas, replication factor),
 * with the topic's min.insync.replicas in force at the controller (alter-config may change it).
 */
export function effectiveMinIsr(state: ClusterState, meta: PartitionMeta): number {
  return Math.min(state.controller.topicConfig['min.insync.replicas'], meta.replicas.length);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Applies `change` to `meta`; returns whether the registration changed (the caller publishes). */
export function changePartition(state: ClusterState, meta: PartitionMeta, change: PartitionChange): boolean {
  const elrOn = elrEnabled(state);
  let targetIsr = meta.replicas.filter((id) => change.targetIsr.includes(id));
  // maybePopulateTargetElr
  let targetElr = meta.elr;
  if (elrOn) {
    if (targetIsr.length >= effectiveMinIsr(state, meta)) targetElr = [];
    else targetElr = meta.replicas.filter((id) => (meta.elr.includes(id) || meta.isr.includes(id)) && !targetIsr.includes(id) && id !== change.uncleanShutdown);
  }
  // electAnyLeader
  const validLeader = (id: number): boolean => (targetIsr.includes(id) || (targetIsr.length === 0 && targetElr.includes(id))) && change.acceptable(id);
  let leader = meta.leader;
  let unclean = false;
  let lastKnownLeader = false;
  if (leader === -1 || !validLeader(leader)) {
    const clean = meta.replicas.find(validLeader);
    const lastKnown = meta.lastKnownElr.length === 1 ? meta.lastKnownElr[0] : -1;
    if (clean !== undefined) {
      leader = clean;
    } else if (elrOn && targetIsr.length === 0 && targetElr.length === 0 && lastKnown !== -1 && change.acceptable(lastKnown)) {
      leader = lastKnown;
      unclean = true;
      lastKnownLeader = true;
    } else if (state.controller.topicConfig['unclean.leader.election.enable']) {
      const any = meta.replicas.find(change.acceptable);
      leader = any === undefined ? -1 : any;
      unclean = any !== undefined;
    } else {
      leader = -1;
    }
  }
  const leaderChanged = leader !== meta.leader;
  if (leaderChanged && targetElr.includes(leader)) {
    // Elected from the ELR: it is the ISR now, and no longer in the ELR.
    targetIsr = [leader];
    targetElr = targetElr.filter((id) => id !== leader);
  }
  // maybeUpdateRecordElr: an unclean election (or ELR off) leaves no ELR.
  if (unclean || !elrOn) targetElr = [];
  let isr = meta.isr;
  if (unclean) isr = [leader];
  else if ((targetIsr.length > 0 || elrOn) && !sameIds(targetIsr, meta.isr)) isr = targetIsr;
  // maybeUpdateLastKnownLeader
  let lastKnownElr = meta.lastKnownElr;
  if (elrOn) {
    const isrEmptied = isr !== meta.isr && isr.length === 0;
    if (isrEmptied && meta.leader !== -1 && !(meta.lastKnownElr.length === 1 && meta.lastKnownElr[0] === meta.leader)) lastKnownElr = [meta.leader];
    else if (!isrEmptied && leader !== -1 && meta.lastKnownElr.length > 0) lastKnownElr = [];
  }
  const changed = leaderChanged || !sameIds(isr, meta.isr) || !sameIds(targetElr, meta.elr) || !sameIds(lastKnownElr, meta.lastKnownElr);
  if (!changed) return false;
  assert(leader === -1 || isr.includes(leader), () => `p${meta.partition}: leader ${leader} outside the ISR {${isr.join(',')}}`);
  assert(!targetElr.some((id) => isr.includes(id)), () => `p${meta.partition}: ISR {${isr.join(',')}} and ELR {${targetElr.join(',')}} overlap`);
  touchPartition(state, meta.partition);
  meta.isr = isr;
  meta.elr = targetElr;
  meta.lastKnownElr = lastKnownElr;
  meta.partitionEpoch++;
  if (leaderChanged) {
    meta.leader = leader;
    meta.leaderEpoch++;
    if (leader !== -1) {
      state.ghost.elections.push({ partition: meta.partition, leader, leaderEpoch: meta.leaderEpoch, clean: !unclean, timeMs: state.nowMs, ...(lastKnownLeader ? { lastKnownLeader } : {}) });
    }
  }
  return true;
}

/**
 * An alteration of min.insync.replicas with ELR on clears every partition's ELR and last known
 * leader (ConfigurationControlManager.createClearElrRecordsAsNeeded, KAFKA-16540, and
 * ReplicationControlManager.replay of the ClearElrRecord, KAFKA-18649; both 4.0, the releases
 * where ELR can be on; the 4.1 docs: "If min.insync.replicas is updated for a topic, the ELR field
 * will be cleaned"): the partition epoch moves, the leader epoch does not. A partition whose ISR
 * is empty is then left without a leader until an unclean election. Returns whether any changed.
 */
export function clearEligibleLeaderReplicas(state: ClusterState): boolean {
  let changed = false;
  for (const meta of state.controller.partitions) {
    if (meta.elr.length === 0 && meta.lastKnownElr.length === 0) continue;
    touchPartition(state, meta.partition);
    meta.elr = [];
    meta.lastKnownElr = [];
    meta.partitionEpoch++;
    changed = true;
  }
  return changed;
}
