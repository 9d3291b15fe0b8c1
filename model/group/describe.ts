/** One human line per event, in Kafka's vocabulary. Computed before the event is applied. */
import { assertNever } from '../kernel/assert.ts';
import type { GroupEvent } from './events.ts';
import type { GroupRpc } from './rpc.ts';
import type { GroupModelState } from './types.ts';
import { headOf } from './wire.ts';
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
    case 'FindCoordinatorResponse': return `FindCoordinatorResponse ${body.group}: broker ${body.coordinator}`;
    case 'JoinGroup': {
      const owned = body.subscription.ownedPartitions.length > 0 ? `, owns ${list(body.subscription.ownedPartitions, name)} (generation ${body.subscription.generation})` : '';
      return `JoinGroup ${body.group} (${member(body.memberId)}, protocols ${body.protocols.join(',')}${owned})`;
    }
    case 'JoinGroupResponse':
      if (body.error !== 'NONE') return `JoinGroupResponse ${body.group} ${body.error}`;
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
      const what = timer.kind === 'session' ? `session of ${timer.target.slice(timer.target.indexOf('/') + 1)} expires` : timer.kind === 'rebalance' ? `rebalance timeout of ${timer.target}` : timer.kind === 'initial-rebalance' ? `initial rebalance delay of ${timer.target} ends` : `${timer.kind} timer fires`;
      return `${timer.node}: ${what} at ${timer.dueMs}ms`;
    }
    case 'poll': {
      const c = state.consumers.find((x) => x.clientId === event.consumer);
      if (!c) return `${event.consumer} polls`;
      const room = state.config['max.poll.records'];
      const taken: string[] = [];
      let left = room;
      for (const owned of c.owned) {
        if (left === 0 || owned.position < 0 || owned.position >= state.recordCount) continue;
        const count = Math.min(left, state.recordCount - owned.position);
        const name = partitionLabel(state, owned.partition);
        taken.push(count === 1 ? `${name} offset ${owned.position}` : `${name} offsets ${owned.position}..${owned.position + count - 1}`);
        left -= count;
      }
      return `${event.consumer} polls ${taken.join(', ')}`;
    }
    case 'process': {
      const c = state.consumers.find((x) => x.clientId === event.consumer);
      return `${event.consumer} processes ${c ? c.buffer.map((r) => `${partitionLabel(state, r.partition)}@${r.offset}`).join(' ') : 'its records'}`;
    }
    case 'crash': return `${event.consumer} crashes (kill -9)`;
    case 'restart': return `${event.consumer} restarts (a new process)`;
    case 'pause': return `${event.consumer} pauses (SIGSTOP)`;
    case 'resume': return `${event.consumer} resumes`;
    case 'isolate': return `${event.consumer} is cut off from every broker`;
    case 'heal': return 'every cut link heals';
    case 'drop': return `the connection ${event.a} ↔ ${event.b} drops`;
    case 'close': return `${event.consumer} closes (KafkaConsumer.close(): leaves the group, the process ends)`;
    case 'start': return `${event.consumer} starts again (a new process, a new member)`;
    case 'subscribe': return `${event.consumer} subscribes to ${event.topics.join(', ')}`;
    case 'create-partitions': return `an admin adds partition ${state.topics.partitions.filter((tp) => tp.topic === event.topic).length} to ${event.topic} (CreatePartitions)`;
    case 'failover': return `the group coordinator moves from broker ${state.coordinator.broker} to broker ${event.broker} (it loads the groups from __consumer_offsets)`;
    case 'final-read': return 'final read of every group\'s committed offsets';
    default: return assertNever(event, 'event');
  }
}
