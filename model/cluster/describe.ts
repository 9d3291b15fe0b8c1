/** One human line per event, in Kafka's vocabulary. Computed before the event is applied. */
import { assertNever } from '../kernel/assert.ts';
import { isBlocked } from '../network/network.ts';
import { CONTROLLER, brokerIdOf, brokerNode } from '../network/nodes.ts';
import { describeAlteration } from './alterConfig.ts';
import type { PartitionMetaWire, Rpc } from '../network/rpc.ts';
import type { ClusterEvent } from './events.ts';
import type { ClusterState } from './types.ts';
import { workloadKey } from '../clients/workloadKey.ts';

function isrText(isr: number[]): string {
  return `{${isr.join(',')}}`;
}

/** A partition as a metadata line shows it; the ELR and the last known leader (KIP-966) when there are any. */
function partitionText(p: PartitionMetaWire): string {
  const elr = p.elr.length > 0 ? ` elr ${isrText(p.elr)}` : '';
  const lastKnown = p.lastKnownElr.length > 0 ? ` last known leader ${p.lastKnownElr.join(',')}` : '';
  return `p${p.partition} leader ${p.leader} epoch ${p.leaderEpoch} isr ${isrText(p.isr)}${elr}${lastKnown}`;
}

export function describeRpc(body: Rpc): string {
  switch (body.type) {
    case 'BrokerRegistration':
      return `BrokerRegistration (incarnation ${body.incarnation}${body.previousBrokerEpoch === -1 ? '' : `, clean shutdown at broker epoch ${body.previousBrokerEpoch}`})`;
    case 'BrokerRegistrationResponse': return `BrokerRegistrationResponse (broker epoch ${body.brokerEpoch})`;
    case 'BrokerHeartbeat': return body.wantShutDown ? 'BrokerHeartbeat wantShutDown=true' : `BrokerHeartbeat (broker epoch ${body.brokerEpoch})`;
    case 'BrokerHeartbeatResponse': return `BrokerHeartbeatResponse ${body.error !== 'NONE' ? body.error : body.fenced ? 'fenced' : 'unfenced'}`;
    case 'MetadataUpdate': return `MetadataUpdate #${body.metadataOffset}: ${body.partitions.map(partitionText).join('; ')}`;
    case 'AlterPartition': return `AlterPartition p${body.partition} isr ${isrText(body.isr)} (leader epoch ${body.leaderEpoch}, partition epoch ${body.partitionEpoch})`;
    case 'AlterPartitionResponse': return `AlterPartitionResponse p${body.partition} ${body.error === 'NONE' ? `isr ${isrText(body.state.isr)}` : body.error}`;
    case 'Fetch': return `Fetch p${body.partition} offset ${body.fetchOffset} lastFetchedEpoch ${body.lastFetchedEpoch} (leader epoch ${body.currentLeaderEpoch})`;
    case 'FetchResponse': {
      if (body.error !== 'NONE') return `FetchResponse p${body.partition} ${body.error}`;
      if (body.divergingEpoch) return `FetchResponse p${body.partition} divergingEpoch {epoch ${body.divergingEpoch.epoch}, endOffset ${body.divergingEpoch.endOffset}}`;
      const records = body.records.length ? `records ${body.records.map((r) => `${r.offset}:${r.value}@e${r.epoch}`).join(' ')}` : 'no records';
      return `FetchResponse p${body.partition} ${records}, HW ${body.highWatermark}`;
    }
    case 'OffsetForLeaderEpoch': return `OffsetForLeaderEpoch p${body.partition} epoch ${body.leaderEpoch}`;
    case 'OffsetForLeaderEpochResponse': return `OffsetForLeaderEpochResponse p${body.partition} ${body.error !== 'NONE' ? body.error : `epoch ${body.leaderEpoch} endOffset ${body.endOffset}`}`;
    case 'Metadata': return 'Metadata request';
    case 'MetadataResponse': return `MetadataResponse ${body.partitions.map((p) => `p${p.partition} leader ${p.leader}`).join(', ')}`;
    case 'Produce': {
      const idempotence = body.producerId >= 0 ? ` (producerId ${body.producerId}, epoch ${body.producerEpoch}, sequences ${body.baseSequence}-${body.baseSequence + body.records.length - 1})` : '';
      return `Produce p${body.partition} ${body.records.map((r) => r.value).join(',')} acks=${body.acks === -1 ? 'all' : body.acks}${idempotence}`;
    }
    case 'ProduceResponse': return `ProduceResponse p${body.partition} ${body.error === 'NONE' ? `offset ${body.baseOffset}` : body.error}`;
    case 'ConsumerFetch': return `Fetch (consumer) p${body.partition} offset ${body.fetchOffset}`;
    case 'ConsumerFetchResponse': return `FetchResponse (consumer) p${body.partition} ${body.error !== 'NONE' ? body.error : `${body.records.length} records, HW ${body.highWatermark}`}`;
    default: return assertNever(body, 'rpc');
  }
}

function unflushedCount(state: ClusterState, brokerId: number): number {
  let count = 0;
  for (const replica of state.brokers[brokerId - 1].replicas) if (replica) count += replica.log.length - replica.flushedCount;
  return count;
}

/**
 * The session expiry of a broker that is running but whose heartbeats a network cut keeps from
 * the controller: the fencing it causes rests on the model's single controller, which never fails
 * over (a KRaft quorum would elect another active controller if this one were cut off from it).
 */
function isolatedFencing(state: ClusterState, brokerId: number, dueMs: number): string {
  const view = state.controller.brokers[brokerId - 1];
  const broker = state.brokers[brokerId - 1];
  if (!view || !broker || !view.registered || view.fenced || dueMs - view.lastHeartbeatMs < state.config['broker.session.timeout.ms']) return '';
  if (broker.status !== 'running' || !isBlocked(state.network, brokerNode(brokerId), CONTROLLER)) return '';
  return `; it fences broker ${brokerId}, running but cut off from it (the model's controller never fails over: KRaft would elect another controller were this one isolated)`;
}

/** ", and broker 2 applies min.insync.replicas=1 (was 2)" when a metadata message brings a broker a topic config it lacks. */
function configApplied(state: ClusterState, to: string, body: Rpc): string {
  if (body.type !== 'MetadataUpdate' && body.type !== 'BrokerRegistrationResponse' && body.type !== 'BrokerHeartbeatResponse') return '';
  const topicConfig = body.topicConfig;
  const brokerId = brokerIdOf(to);
  if (topicConfig === null || brokerId < 1) return '';
  const broker = state.brokers[brokerId - 1];
  if (broker === undefined || body.metadataOffset <= broker.metadataOffset) return '';
  const minIsr = topicConfig['min.insync.replicas'];
  const applied = broker.topicConfig['min.insync.replicas'];
  return minIsr === applied ? '' : `; broker ${brokerId} applies min.insync.replicas=${minIsr} (was ${applied})`;
}

/** What the controller's unclean-election check will do: elect the partitions without a leader, if the config lets it. */
function uncleanCheckOutcome(state: ClusterState): string {
  const offline = state.controller.partitions.filter((meta) => meta.leader === -1).map((meta) => `p${meta.partition}`);
  if (offline.length === 0) return ': every partition has a leader';
  if (!state.controller.topicConfig['unclean.leader.election.enable']) return `: unclean.leader.election.enable=false, so ${offline.join(', ')} stay${offline.length === 1 ? 's' : ''} without a leader`;
  return `: unclean.leader.election.enable=true, it elects any live replica of ${offline.join(', ')} (committed records may be lost)`;
}

export function describeEvent(event: ClusterEvent, state: ClusterState): string {
  switch (event.type) {
    case 'deliver': {
      const connection = state.network.connections.find((c) => c.from === event.from && c.to === event.to);
      const message = connection?.inFlight[0];
      return `${event.from} → ${event.to}: ${message ? describeRpc(message.body) + configApplied(state, event.to, message.body) : `(message ${event.id} not in flight)`}`;
    }
    case 'timer': {
      const timer = state.timers.find((t) => t.id === event.id);
      if (!timer) return `timer ${event.id} fires`;
      if (timer.kind === 'unclean-election-check') return `${timer.node}: unclean-election check (every ${state.config['unclean.leader.election.interval.ms']}ms) at ${timer.dueMs}ms${uncleanCheckOutcome(state)}`;
      const line = `${timer.node}: ${timer.kind} timer fires${timer.kind.startsWith('broker-') || timer.kind === 'isr-expiration' ? '' : ` (${timer.target})`} at ${timer.dueMs}ms`;
      return timer.kind === 'broker-session' ? line + isolatedFencing(state, Number(timer.target), timer.dueMs) : line;
    }
    case 'send': {
      const producer = state.producers.find((p) => p.clientId === event.producer);
      if (!producer) return `${event.producer} sends`;
      const index = state.producers.indexOf(producer);
      const i = producer.workloadNext;
      const key = workloadKey(state.config, i);
      const plan = state.config['model.partition.plan'];
      if (plan.length > 0) return `${event.producer} sends v${index * producer.workloadSize + i + 1}${key !== null ? ` with key ${key}` : ''} to p${plan[index][i]} (partitioner's choice)`;
      return `${event.producer} sends v${index * producer.workloadSize + i + 1} ${key !== null ? `with key ${key}` : 'with no key'}`;
    }
    case 'crash':
      return event.kind === 'power'
        ? `broker ${event.broker} loses power; ${unflushedCount(state, event.broker)} unflushed records lost`
        : `broker ${event.broker} is killed (SIGKILL); its page cache survives`;
    case 'restart': return `broker ${event.broker} restarts (log recovery, new incarnation)`;
    case 'pause': return `broker ${event.broker} pauses (SIGSTOP)`;
    case 'resume': return `broker ${event.broker} resumes (SIGCONT) with the state it had`;
    case 'shutdown': return `broker ${event.broker} shuts down cleanly`;
    case 'partition':
      if (event.oneWay) return `network: ${event.a.join(',')} can no longer reach ${event.b.join(',')} (one way)`;
      if (event.a.length > 1) return `network: split into {${event.a.join(',')}} and {${event.b.join(',')}}`;
      if (event.a[0] === CONTROLLER && event.b.length > 2) return `network: controller cut off from everyone else (the model's controller never fails over: it goes on alone)`;
      return `network: ${event.a.join(',')} cut off from ${event.b.length > 2 ? 'everyone else' : event.b.join(',')}`;
    case 'heal': return 'network: every partition heals';
    case 'drop': return `network: connection ${event.a} ⇄ ${event.b} drops; in-flight messages lost`;
    case 'add-partition': return `admin: add partition p${state.controller.partitions.length} to the topic (kafka-topics --alter --partitions ${state.controller.partitions.length + 1})`;
    case 'elect': return `admin: elect broker ${event.broker} leader of p${event.partition} (kafka-leader-election)`;
    case 'alter-config': return describeAlteration(state, event.key, event.value);
    case 'flush': return `broker ${event.broker}: the OS writes back ${unflushedCount(state, event.broker)} unflushed records`;
    case 'final-read': return 'reader: final read of every partition from offset 0';
    default: return assertNever(event, 'event');
  }
}
