/**
 * settled(state): faults healed, every broker registered and unfenced, every partition led in its
 * current epoch with every replica caught up (LEO and HW equal to the leader's), and every
 * producer done. Only periodic timers remain.
 */
import { producerIdle } from '../clients/producer.ts';
import type { ClusterState } from './types.ts';

export function isSettled(state: ClusterState): boolean {
  if (state.network.blocked.length > 0) return false;
  for (const producer of state.producers) if (!producerIdle(producer)) return false;
  // An acks=0 send is complete for its producer while its Produce may still be on the wire.
  for (const connection of state.network.connections) {
    for (const message of connection.inFlight) if (message.body.type === 'Produce') return false;
  }
  for (const broker of state.brokers) {
    if (broker.status !== 'running' || broker.brokerEpoch === -1 || broker.fenced) return false;
    const view = state.controller.brokers[broker.id - 1];
    if (view.fenced || view.incarnation !== broker.incarnation) return false;
  }
  for (const meta of state.controller.partitions) {
    if (meta.leader === -1 || meta.isr.length !== meta.replicas.length) return false;
    const leader = state.brokers[meta.leader - 1].replicas[meta.partition];
    if (!leader || leader.role !== 'leader' || leader.leaderEpoch !== meta.leaderEpoch) return false;
    const end = leader.log.length;
    if (leader.highWatermark !== end) return false;
    for (const brokerId of meta.replicas) {
      const replica = state.brokers[brokerId - 1].replicas[meta.partition];
      if (!replica || replica.leaderEpoch !== meta.leaderEpoch || replica.log.length !== end || replica.highWatermark !== end) return false;
    }
  }
  return true;
}
