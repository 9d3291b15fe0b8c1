/**
 * The topic's dynamic configs at the controller: an admin's alter-config (kafka-configs --alter,
 * IncrementalAlterConfigs) changes min.insync.replicas or unclean.leader.election.enable, the
 * controller publishes the change with its metadata (a ConfigRecord), and each broker applies it
 * when its metadata reaches it (brokerMetadata.ts): a leader enforces the min.insync.replicas it
 * has applied. The admin reaches the controller directly (the request a broker forwards is not
 * modelled), so the change is in force at the controller at once. With Eligible Leader Replicas
 * on, a min.insync.replicas change clears every ELR and last known leader (partitionChange.ts).
 *
 * Turning unclean.leader.election.enable on elects the partitions that already have no live ISR
 * member as model.unclean.enable.election says: at-once (the ZooKeeper controller's
 * TopicUncleanLeaderElectionEnable, 2.1+), periodic (KRaft 3.9+: QuorumController schedules
 * maybeElectUncleanLeaders after a write event while some partition has no leader, and runs it
 * every unclean.leader.election.interval.ms), or next-change (before 2.1: only the next broker
 * change elects them). Elections that happen later for another reason (a broker fenced or
 * unfenced) read the value in force then.
 */
import { assert, assertNever } from '../kernel/assert.ts';
import { CONTROLLER } from '../network/nodes.ts';
import type { ClusterTopicConfig, DynamicKey } from '../dynamicConfig.ts';
import { electIfOffline, publish } from './controller.ts';
import { clearEligibleLeaderReplicas, elrEnabled } from './partitionChange.ts';
import { hasTimer, setTimer } from './timers.ts';
import type { ClusterState, MinIsrWrite } from './types.ts';

/** The target of the controller's unclean-election check timer (one for the topic). */
const CHECK_TARGET = 'topic';

/** The cluster model's dynamic keys. */
export type ClusterDynamicKey = keyof ClusterTopicConfig;

export function isClusterDynamicKey(key: DynamicKey): key is ClusterDynamicKey {
  return key === 'min.insync.replicas' || key === 'unclean.leader.election.enable';
}

/** The admin alters a topic config: the controller takes it and publishes it. */
export function alterTopicConfig(state: ClusterState, key: ClusterDynamicKey, value: number | boolean): void {
  const config = state.controller.topicConfig;
  const previous = config[key];
  assert(typeof previous === typeof value, () => `alter-config ${key}=${String(value)}: a ${typeof value} for a ${typeof previous} config`);
  assert(previous !== value, () => `alter-config ${key}=${String(value)}: already in force`);
  (config as unknown as Record<string, number | boolean>)[key] = value;
  state.ghost.alterations.push({ timeMs: state.nowMs, key, value, previous });
  if (key === 'min.insync.replicas' && elrEnabled(state)) clearEligibleLeaderReplicas(state);
  if (key === 'unclean.leader.election.enable' && value === true && state.config['model.unclean.enable.election'] === 'at-once') {
    for (const meta of state.controller.partitions) electIfOffline(state, meta);
  }
  publish(state);
}

/** Whether this run's alterations can turn unclean.leader.election.enable on. */
function uncleanCanTurnOn(state: ClusterState): boolean {
  return state.config['model.alter.configs'].some((a) => a.key === 'unclean.leader.election.enable' && a.value === true);
}

/**
 * QuorumController.maybeScheduleNextElectUncleanLeaders, after a controller change: with the
 * periodic rule, some partition without a leader, and no check pending, the check runs
 * unclean.leader.election.interval.ms from now. Kafka schedules it whatever the config says; it is
 * armed here only in runs whose alterations can turn unclean election on, since otherwise it can
 * never elect anyone (the config in force at start elects at fencing time, electIfOffline).
 */
export function maybeScheduleUncleanCheck(state: ClusterState): void {
  if (state.config['model.unclean.enable.election'] !== 'periodic' || !uncleanCanTurnOn(state)) return;
  if (hasTimer(state, 'unclean-election-check', CONTROLLER, CHECK_TARGET)) return;
  if (!state.controller.partitions.some((meta) => meta.leader === -1)) return;
  setTimer(state, 'unclean-election-check', CONTROLLER, CHECK_TARGET, state.config['unclean.leader.election.interval.ms']);
}

/**
 * ReplicationControlManager.maybeElectUncleanLeaders: every partition without a leader whose topic
 * allows unclean election now gets one (a live ISR member if any, else any live replica). Then,
 * as after every write event, the next check is scheduled while a partition still has no leader.
 */
export function onUncleanElectionCheck(state: ClusterState): void {
  let elected = false;
  if (state.controller.topicConfig['unclean.leader.election.enable']) {
    for (const meta of state.controller.partitions) if (electIfOffline(state, meta)) elected = true;
  }
  if (elected) publish(state);
  else maybeScheduleUncleanCheck(state);
}

/** The min.insync.replicas a broker enforces now: the value its metadata last brought. */
export function minInsyncReplicasAt(state: ClusterState, brokerId: number): number {
  return state.brokers[brokerId - 1].topicConfig['min.insync.replicas'];
}

/**
 * Ghost: a leader enforced `minIsr` for the records of `partition` at `offsets` of its log (at
 * their append, their acknowledgement, or their commit: the high watermark passing them). Kept per record value, the weakest only, and only in
 * runs whose alterations change min.insync.replicas (properties judge such records per write).
 */
export function recordMinIsrEnforced(state: ClusterState, brokerId: number, partition: number, offsetStart: number, offsetEnd: number, at: MinIsrWrite['at']): void {
  if (!state.config['model.alter.configs'].some((a) => a.key === 'min.insync.replicas')) return;
  const replica = state.brokers[brokerId - 1].replicas[partition];
  assert(replica !== null && replica !== undefined && offsetEnd <= replica.log.length, () => `broker ${brokerId} p${partition}: no records ${offsetStart}..${offsetEnd - 1} to record`);
  const minIsr = minInsyncReplicasAt(state, brokerId);
  const writes = state.ghost.minIsrWrites;
  for (let offset = offsetStart; offset < offsetEnd; offset++) {
    const value = replica.log[offset].value;
    const known = writes[value];
    if (known === undefined || minIsr < known.minIsr) writes[value] = { partition, minIsr, broker: brokerId, timeMs: state.nowMs, at };
  }
}

/** The describe line of an alteration: what the admin does, and what the controller does with it. */
export function describeAlteration(state: ClusterState, key: ClusterDynamicKey, value: number | boolean): string {
  const previous = state.controller.topicConfig[key];
  const head = `admin sets ${key}=${String(value)} on the topic (kafka-configs --alter; was ${String(previous)})`;
  if (key === 'min.insync.replicas') return `${head}: each leader enforces it once its metadata brings it`;
  if (value !== true) return `${head}: the controller elects only from the ISR from now on`;
  const offline = state.controller.partitions.filter((meta) => meta.leader === -1).map((meta) => `p${meta.partition}`);
  const rule = state.config['model.unclean.enable.election'];
  switch (rule) {
    case 'at-once': return `${head}: the controller elects at once, where a replica is live, a leader for the partitions without one${offline.length ? ` (${offline.join(', ')})` : ' (none)'}`;
    case 'periodic': return `${head}: the controller's unclean-election check (every ${state.config['unclean.leader.election.interval.ms']}ms) elects the partitions without a leader${offline.length ? ` (${offline.join(', ')} now)` : ''}`;
    case 'next-change': return `${head}: partitions without a leader${offline.length ? ` (${offline.join(', ')})` : ''} are elected at the controller's next broker change`;
    default: return assertNever(rule, 'model.unclean.enable.election');
  }
}
