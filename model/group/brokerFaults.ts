/**
 * Broker faults in the group model: a broker crashes (kill -9) and restarts, and an admin moves
 * the leadership of one __consumer_offsets partition (`failover`) while every broker stays up.
 *
 * - Crash: the broker's connections drop (what was in flight both ways is lost; every client
 *   sees a disconnect, fails the requests it had sent there and, if that was its coordinator,
 *   marks the coordinator unknown: AbstractCoordinator.markCoordinatorUnknown). The controller
 *   removes it from every ISR it was in, except where it was the last member (Kafka keeps the
 *   last ISR member, so the partition stays offline until that replica returns), and elects a new
 *   leader for every partition it led: the first live replica in the ISR (offsetsTopic.ts). The
 *   controller here notices the crash at once (in Kafka: after broker.session.timeout.ms).
 * - Restart: the broker comes back as a follower of every partition that has a leader, catches
 *   up at once and rejoins the ISR; a partition left offline with it as its last ISR member
 *   elects it. Leadership does not move back to the preferred replica (auto.leader.rebalance
 *   would, after leader.imbalance.check.interval.seconds; not modelled).
 * - A request sent to a crashed broker meets a refused connection: the client sees a disconnect.
 */
import { assert } from '../kernel/assert.ts';
import { consumerAt, onConsumerDisconnect } from '../clients/consumer.ts';
import { brokerNode } from './coordinator.ts';
import { moveOffsetsLeadership } from './coordinatorMove.ts';
import { electLeader, isBrokerUp } from './offsetsTopic.ts';
import type { GroupModelState, OffsetsPartition } from './types.ts';
import { dropBetween, peersOnWire } from './wire.ts';

/** With a leader, every live replica is in sync (followers catch up at once here). */
function refreshIsr(state: GroupModelState, partition: OffsetsPartition): void {
  if (partition.leader > 0) partition.isr = partition.replicas.filter((r) => isBrokerUp(state, r));
}

export function crashBroker(state: GroupModelState, brokerId: number): void {
  assert(isBrokerUp(state, brokerId), `broker ${brokerId} is not up`);
  state.brokersDown.push(brokerId);
  state.brokersDown.sort((a, b) => a - b);
  const node = brokerNode(brokerId);
  const peers = peersOnWire(state.wire, node);
  for (const peer of peers) dropBetween(state.wire, node, peer);
  state.timers = state.timers.filter((t) => t.node !== node);
  for (const partition of state.offsetsTopic) {
    if (partition.isr.length > 1) partition.isr = partition.isr.filter((r) => r !== brokerId);
    if (partition.leader === brokerId) moveOffsetsLeadership(state, partition, electLeader(state, partition), false);
    refreshIsr(state, partition);
  }
  for (const c of state.consumers) {
    if (c.status === 'crashed' || (!peers.includes(c.clientId) && c.coordinator !== brokerId)) continue;
    onConsumerDisconnect(state, c, node);
  }
}

export function restartBroker(state: GroupModelState, brokerId: number): void {
  assert(state.brokersDown.includes(brokerId), `broker ${brokerId} is not down`);
  state.brokersDown = state.brokersDown.filter((b) => b !== brokerId);
  for (const partition of state.offsetsTopic) {
    if (!partition.replicas.includes(brokerId)) continue;
    if (partition.leader === -1) {
      const leader = electLeader(state, partition);
      if (leader > 0) moveOffsetsLeadership(state, partition, leader, false);
    }
    refreshIsr(state, partition);
  }
}

/** An admin moves the leadership of __consumer_offsets-`partition` to `brokerId`, a live ISR replica. */
export function failOverOffsetsPartition(state: GroupModelState, partitionId: number, brokerId: number): void {
  const partition = state.offsetsTopic.find((p) => p.partition === partitionId);
  assert(partition !== undefined, `no group maps to __consumer_offsets-${partitionId}`);
  assert(partition.leader > 0, `__consumer_offsets-${partitionId} is offline`);
  assert(partition.isr.includes(brokerId) && isBrokerUp(state, brokerId), `broker ${brokerId} is no live ISR replica of __consumer_offsets-${partitionId}`);
  moveOffsetsLeadership(state, partition, brokerId, true);
}

/** A request reached a crashed broker: the connection is refused, the sender sees a disconnect. */
export function refuseConnection(state: GroupModelState, from: string, brokerId: number): void {
  const node = brokerNode(brokerId);
  dropBetween(state.wire, from, node);
  onConsumerDisconnect(state, consumerAt(state, from), node);
}
