/** One human line per event, in Kafka's vocabulary. Computed before the event is applied. */
import { assertNever } from '../kernel/assert.ts';
import type { GroupEvent } from './events.ts';
import type { GroupRpc } from './rpc.ts';
import type { GroupModelState } from './types.ts';
import { headOf } from './wire.ts';
import { planPoll, type PartitionPollPlan } from '../clients/consumerFetch.ts';
import { LOG_BROKER_NODE, PRODUCER_NODE, lagSummary } from './production.ts';
import { deleteOldSegments, type PartitionLog } from './partitionLog.ts';

/** What the retention check will do to one log (run on a copy: describe() never changes the state). */
function describeRetention(log: PartitionLog, nowMs: number, state: GroupModelState): string {
  const result = deleteOldSegments(JSON.parse(JSON.stringify(log)) as PartitionLog, nowMs, state.topicConfig);
  if (result.segmentsDeleted === 0) return `p${log.partition} nothing to delete (log start ${log.logStartOffset}, log end ${log.logEndOffset})`;
  return `p${log.partition} deletes ${result.segmentsDeleted} segment${result.segmentsDeleted === 1 ? '' : 's'} (${result.reasons.join(', ')}), log start ${result.fromOffset} → ${result.toOffset} (log end ${log.logEndOffset})`;
}

function describePlan(state: GroupModelState, plan: PartitionPollPlan): string {
  const name = partitionLabel(state, plan.partition);
  const r = plan.outOfRange;
  const reset = r === null ? '' : r.policy === 'none'
    ? `${name} OFFSET_OUT_OF_RANGE at ${r.position} (log start ${r.logStartOffset}, log end ${r.logEndOffset}): auto.offset.reset=none, OffsetOutOfRangeException, the application pauses ${name}`
    : `${name} OFFSET_OUT_OF_RANGE at ${r.position} (log start ${r.logStartOffset}, log end ${r.logEndOffset}), reset to ${r.policy} ${r.to}`;
  if (plan.count === 0) return reset;
  const records = plan.count === 1 ? `${name} offset ${plan.from}` : `${name} offsets ${plan.from}..${plan.from + plan.count - 1}`;
  return reset === '' ? records : `${reset}; ${records}`;
}
import { partitionLabel } from './topics.ts';

/** How a partition reads; global indices unless the caller names them (topics.ts). */
type PartitionName = (partition: number) => string;

const BY_INDEX: PartitionName = (partition) => `p${partition}`;

function list(partitions: readonly number[], name: PartitionName): string {
  return name === BY_INDEX ? `[${partitions.join(',')}]` : `[${partitions.map(name).join(',')}]`;
}

function member(memberId: string): string {
  return memberId === '' ? 'new member' : memberId;
}

export function describeGroupRpc(body: GroupRpc, name: PartitionName = BY_INDEX): string {
  switch (body.type) {
    case 'FindCoordinator': return `FindCoordinator ${body.group}`;
    case 'FindCoordinatorResponse': return body.error === 'NONE' ? `FindCoordinatorResponse ${body.group}: broker ${body.coordinator}` : `FindCoordinatorResponse ${body.group} ${body.error}`;
    case 'JoinGroup': {
      const owned = body.subscription.ownedPartitions.length > 0 ? `, owns ${list(body.subscription.ownedPartitions, name)} (generation ${body.subscription.generation})` : '';
      const instance = body.groupInstanceId !== undefined ? `, group.instance.id ${body.groupInstanceId}` : '';
      return `JoinGroup ${body.group} (${member(body.memberId)}${instance}, protocols ${body.protocols.join(',')}${owned})`;
    }
    case 'JoinGroupResponse':
      if (body.error === 'MEMBER_ID_REQUIRED') return `JoinGroupResponse ${body.group} MEMBER_ID_REQUIRED: join again as ${body.memberId}`;
      if (body.error === 'INVALID_SESSION_TIMEOUT') return `JoinGroupResponse ${body.group} INVALID_SESSION_TIMEOUT: session.timeout.ms outside the broker's group.min/max.session.timeout.ms (fatal: the consumer exits)`;
      if (body.error !== 'NONE') return `JoinGroupResponse ${body.group} ${body.error}`;
      if (body.skipAssignment === true) return `JoinGroupResponse ${body.group}: ${body.memberId} back in generation ${body.generation} as leader, no rebalance (skipAssignment)`;
      return `JoinGroupResponse ${body.group}: ${body.memberId} in generation ${body.generation}, protocol ${body.protocol}, leader ${body.leader}${body.members.length ? ` (members ${body.members.map((m) => m.memberId).join(', ')})` : ''}`;
    case 'SyncGroup':
      return `SyncGroup ${body.group} (${body.memberId}, generation ${body.generation}${body.assignments.length ? `; assigns ${body.assignments.map((a) => `${a.memberId} ${list(a.partitions, name)}`).join(', ')}` : ''})`;
    case 'SyncGroupResponse': return body.error === 'NONE' ? `SyncGroupResponse ${body.group}: partitions ${list(body.partitions, name)}` : `SyncGroupResponse ${body.group} ${body.error}`;
    case 'Heartbeat': return `Heartbeat ${body.group} (${body.memberId}, generation ${body.generation})`;
    case 'HeartbeatResponse': return `HeartbeatResponse ${body.group} ${body.error}`;
    case 'LeaveGroup': return `LeaveGroup ${body.group} (${body.memberId})`;
    case 'LeaveGroupResponse': return `LeaveGroupResponse ${body.group} ${body.error}`;
    case 'OffsetCommit': return `OffsetCommit ${body.group} (${member(body.memberId)}, generation ${body.generation}) ${body.offsets.map((o) => `${name(o.partition)}=${o.offset}`).join(' ')}`;
    case 'OffsetCommitResponse': return `OffsetCommitResponse ${body.group} ${body.error}`;
    case 'OffsetFetch': return `OffsetFetch ${body.group} ${body.partitions.map(name).join(' ')}`;
    case 'OffsetFetchResponse':
      return body.error === 'NONE' ? `OffsetFetchResponse ${body.group} ${body.offsets.map((o) => `${name(o.partition)}=${o.offset < 0 ? 'none' : o.offset}`).join(' ')}` : `OffsetFetchResponse ${body.group} ${body.error}`;
    default: return assertNever(body, 'group message');
  }
}

export function describeGroupEvent(event: GroupEvent, state: GroupModelState): string {
  switch (event.type) {
    case 'deliver': {
      const message = headOf(state.wire, event.from, event.to);
      return `${event.from} → ${event.to}: ${message ? describeGroupRpc(message.body, state.topics.names.length > 1 ? (p) => partitionLabel(state, p) : BY_INDEX) : `(message ${event.id} not in flight)`}`;
    }
    case 'timer': {
      const timer = state.timers.find((t) => t.id === event.id);
      if (!timer) return `timer ${event.id} fires`;
      if (timer.kind === 'coordinator-lookup') return `${timer.node}: FindCoordinator backoff (retry.backoff.ms) ends at ${timer.dueMs}ms`;
      if (timer.node === PRODUCER_NODE) return `producer appends a record to every partition at ${timer.dueMs}ms`;
      if (timer.node === LOG_BROKER_NODE && timer.kind === 'log-retention') return `${timer.node}: retention check at ${timer.dueMs}ms: ${state.logs.map((l) => describeRetention(l, timer.dueMs, state)).join(', ')}`;
      const what =
        timer.kind === 'session'
          ? `session of ${timer.target.slice(timer.target.indexOf('/') + 1)} expires`
          : timer.kind === 'rebalance'
            ? `rebalance timeout of ${timer.target}`
            : timer.kind === 'initial-rebalance'
              ? `initial rebalance delay of ${timer.target} ends`
              : timer.kind === 'pending-sync'
                ? `SyncGroup deadline of ${timer.target} (members that have not synced are removed)`
                : `${timer.kind} timer fires`;
      return `${timer.node}: ${what} at ${timer.dueMs}ms`;
    }
    case 'poll': {
      const c = state.consumers.find((x) => x.clientId === event.consumer);
      if (!c) return `${event.consumer} polls`;
      return `${event.consumer} polls ${planPoll(state, c).map((plan) => describePlan(state, plan)).join(', ')}`;
    }
    case 'process': {
      const c = state.consumers.find((x) => x.clientId === event.consumer);
      return `${event.consumer} processes ${c ? c.buffer.map((r) => `${partitionLabel(state, r.partition)}@${r.offset}`).join(' ') : 'its records'}`;
    }
    case 'crash': return `${event.consumer} crashes (kill -9)`;
    case 'restart': {
      const c = state.consumers.find((x) => x.clientId === event.consumer);
      const instance = c?.groupInstanceId ? ` with group.instance.id ${c.groupInstanceId}` : '';
      return c?.incarnation === -1 ? `${event.consumer} starts${instance} (a replacement process)` : `${event.consumer} restarts${instance} (a new process)`;
    }
    case 'pause': return `${event.consumer} pauses (SIGSTOP)`;
    case 'resume': return `${event.consumer} resumes`;
    case 'isolate': return `${event.consumer} is cut off from every broker`;
    case 'heal': return 'every cut link heals';
    case 'drop': return `the connection ${event.a} ↔ ${event.b} drops`;
    case 'failover': {
      const partition = state.offsetsTopic.find((p) => p.partition === event.partition);
      return `the leadership of __consumer_offsets-${event.partition} moves from broker ${partition?.leader ?? '?'} to broker ${event.broker}, which loads ${partition ? partition.groups.join(', ') : 'its groups'} and coordinates them`;
    }
    case 'broker-crash': return `broker ${event.broker} crashes (kill -9); the __consumer_offsets partitions it led elect new leaders`;
    case 'broker-restart': return `broker ${event.broker} restarts (a follower)`;
    case 'final-read': {
      const lags = lagSummary(state).filter((l) => l.lagMax > 0).map((l) => `${l.group} p${l.partition} ${l.lagMax} at ${l.timeMs}ms`);
      const stopped = state.history.flatMap((op) => (op.type === 'fetch-error' ? [`${op.consumer} paused ${op.group} p${op.partition} on ${op.exception} at ${op.timeMs}ms`] : []));
      return `final read of every group's committed offsets${lags.length ? ` (largest lag seen: ${lags.join(', ')})` : ''}${stopped.length ? `; auto.offset.reset=none: ${stopped.join(', ')}` : ''}`;
    }
    case 'close': return `${event.consumer} closes (KafkaConsumer.close(): leaves the group, the process ends)`;
    case 'start': return `${event.consumer} starts again (a new process, a new member)`;
    case 'subscribe': return `${event.consumer} subscribes to ${event.topics.join(', ')}`;
    case 'alter-config': return `admin sets ${event.key}=${event.value} on every topic (kafka-configs --alter; was ${state.topicConfig[event.key]}): the retention checks from now on delete by it`;
    case 'create-partitions': return `an admin adds partition ${state.topics.partitions.filter((tp) => tp.topic === event.topic).length} to ${event.topic} (CreatePartitions)`;
    default: return assertNever(event, 'event');
  }
}
