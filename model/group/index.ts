/**
 * The consumer-group model: consumers of model.group.topics topics (P partitions each at start,
 * partitions numbered globally in creation order, topics.ts; each partition a log of
 * model.group.records records written before the run or over virtual time, trimmed by retention,
 * not replicated: partitionLog.ts, production.ts), in model.groups groups of model.consumers
 * members, each coordinated by the broker leading its __consumer_offsets partition, over the
 * classic group protocol, on a fault-injectable network under a virtual clock. Its workload may
 * close and start consumers, change their subscriptions and add partitions (workloadEvents.ts).
 * Implements the kernel's Model contract, so every engine, replay and report runs it as it runs
 * the cluster model.
 *
 * Faults it injects (model.group.faults): consumer crash, consumer pause (a zombie), consumer
 * isolation, connection drops, a move of a __consumer_offsets partition's leadership (failover),
 * broker crash (the groups it coordinated move to the next live replica, offsetsTopic.ts). Kafka's
 * classic protocol claims, under all of them, that stale generations are fenced and that the group
 * converges once they stop (properties/group/judge.ts lists the static-member exceptions); it
 * claims a single owner per partition only while no member is paused or cut off (a zombie
 * processes until it learns it was evicted), and only while no second process runs with a
 * member's group.instance.id (model.group.instance.ids=replacement: the old process owns its
 * partitions until FENCED_INSTANCE_ID reaches it). A static process can also be fenced with no
 * second process: one that restarted during a rebalance is not yet written to __consumer_offsets,
 * so after a coordinator move its old member id comes back and fences it.
 */
import { clonePlain } from '../kernel/plainData.ts';
import { groupFingerprint } from './fingerprint.ts';
import type { Model } from '../kernel/model.ts';
import type { KmcConfig } from '../config.ts';
import { describeGroupEvent } from './describe.ts';
import { enabledGroupEvents, firstNonFaultGroupEvent } from './enabled.ts';
import { GROUP_FAULT_EVENT_TYPES, type GroupEvent } from './events.ts';
import { initGroupModel } from './init.ts';
import { isGroupSettled } from './settled.ts';
import { stepGroupModel } from './step.ts';
import type { GroupModelState } from './types.ts';
import { groupSettleWithinMs } from './settleWithin.ts';
import { groupCoverage } from './coverage.ts';

/** isFault runs for every enabled event of every step (swarm weights, firstNonFault). */
const FAULT_TYPES: ReadonlySet<string> = new Set(GROUP_FAULT_EVENT_TYPES);
const isGroupFault = (event: GroupEvent): boolean => FAULT_TYPES.has(event.type);

export const groupModel: Model<GroupModelState, GroupEvent, KmcConfig> = {
  name: 'kafka-group',
  // 2: INVALID_SESSION_TIMEOUT on JoinGroup (consumers may exit 'failed'); rejoinNeeded kept until SyncGroup succeeds.
  // 3: retries wait at least 1 ms; a poll returns at most the fetch buffer; equal lag samples cut at 10 in a row;
  //    a commit in Stable or PreparingRebalance renews the member's session.
  // 4: dynamic topic configs (alter-config events of retention.ms and retention.bytes).
  // 5: consumers keep AbstractCoordinator.needsJoinPrepare; before Kafka 3.0 a reset after onJoinPrepare keeps the
  //    owned partitions (KAFKA-12983), and a cooperative claim's generation follows the release (none before 3.0,
  //    the last applied assignment's 3.0-3.3, the last joined from 3.4: KAFKA-12984, KIP-792).
  version: '5',
  init: (config) => initGroupModel(config),
  enabled: enabledGroupEvents,
  step: stepGroupModel,
  clone(state) {
    const { config, assignors, ...rest } = state;
    const copy = clonePlain(rest) as GroupModelState;
    copy.config = config;
    if (assignors !== undefined) copy.assignors = assignors;
    return copy;
  },
  fingerprint: groupFingerprint,
  describe: describeGroupEvent,
  isFault: isGroupFault,
  firstNonFault: (state) => firstNonFaultGroupEvent(state, isGroupFault),
  healEvents(state) {
    const events: GroupEvent[] = [];
    if (state.wire.blocked.length > 0) events.push({ type: 'heal' });
    for (const c of state.consumers) {
      if (c.status === 'crashed') events.push({ type: 'restart', consumer: c.clientId });
      if (c.status === 'paused') events.push({ type: 'resume', consumer: c.clientId });
      if (c.status === 'closed') events.push({ type: 'start', consumer: c.clientId });
    }
    for (const broker of state.brokersDown) events.push({ type: 'broker-restart', broker });
    return events;
  },
  settled: isGroupSettled,
  settleWithinMs: (state) => groupSettleWithinMs(state.config),
  workloadDone: (state) => state.faultCounts.total >= state.config['model.faults.max'] || isGroupSettled(state),
  finalReadEvent: (state) => (state.finalRead === 'idle' ? { type: 'final-read' } : null),
  finalReadDone: (state) => state.finalRead === 'done',
  nowMs: (state) => state.nowMs,
  coverage: groupCoverage,
};

export type { GroupModelState, GroupEvent };
export { groupModelWith } from './pluginModel.ts';
export { quiescentStable, isGroupSettled } from './settled.ts';
export { TOPIC } from './types.ts';
