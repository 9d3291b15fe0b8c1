/** Small accessors shared by the cluster's handlers. */
import { assert } from '../kernel/assert.ts';
import { sendMessage } from '../network/network.ts';
import type { Rpc } from '../network/rpc.ts';
import type { BrokerState, ClusterState, ControllerBrokerView, PartitionMeta, ReplicaState } from './types.ts';
import type { PartitionMetaWire } from '../network/rpc.ts';

export function brokerAt(state: ClusterState, brokerId: number): BrokerState {
  const broker = state.brokers[brokerId - 1];
  assert(broker !== undefined && broker.id === brokerId, () => `no broker ${brokerId}`);
  return broker;
}

export function controllerView(state: ClusterState, brokerId: number): ControllerBrokerView {
  const view = state.controller.brokers[brokerId - 1];
  assert(view !== undefined && view.brokerId === brokerId, () => `controller has no view of broker ${brokerId}`);
  return view;
}

export function replicaAt(state: ClusterState, brokerId: number, partition: number): ReplicaState | null {
  return brokerAt(state, brokerId).replicas[partition] ?? null;
}

export function send(state: ClusterState, from: string, to: string, body: Rpc): void {
  sendMessage(state.network, from, to, body);
}

export function nextId(state: ClusterState, prefix: string): string {
  const id = `${prefix}-${state.idNext}`;
  state.idNext++;
  return id;
}

export function metaToWire(meta: PartitionMeta): PartitionMetaWire {
  return {
    partition: meta.partition,
    replicas: meta.replicas.slice(),
    leader: meta.leader,
    leaderEpoch: meta.leaderEpoch,
    isr: meta.isr.slice(),
    partitionEpoch: meta.partitionEpoch,
    elr: meta.elr.slice(),
    lastKnownElr: meta.lastKnownElr.slice(),
  };
}

/** Can this broker process take events (deliveries, timers)? */
export function isActive(broker: BrokerState): boolean {
  return broker.status === 'running';
}
