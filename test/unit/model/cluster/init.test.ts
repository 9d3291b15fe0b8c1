import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import { replicasOf } from '../../../../model/cluster/init.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { newCluster, replica } from './drive.ts';

describe('init', () => {
  it('assigns partition p the replicas p+1, p+2, ... (mod N), as rack-unaware assignment spreads leaders', () => {
    expect(replicasOf(0, 3, 3)).toEqual([1, 2, 3]);
    expect(replicasOf(1, 3, 3)).toEqual([2, 3, 1]);
    expect(replicasOf(2, 3, 2)).toEqual([3, 1]);
    expect(replicasOf(4, 5, 1)).toEqual([5]);
  });

  it('starts 3 brokers with each partition led by replicas[0] in epoch 0, the ISR all replicas', () => {
    const state = newCluster({ 'num.partitions': 3 });
    expect(state.brokers.map((b) => [b.id, b.status, b.fenced, b.brokerEpoch])).toEqual([
      [1, 'running', false, 1],
      [2, 'running', false, 2],
      [3, 'running', false, 3],
    ]);
    expect(state.controller.partitions).toEqual([
      { partition: 0, replicas: [1, 2, 3], leader: 1, leaderEpoch: 0, isr: [1, 2, 3], partitionEpoch: 0, elr: [], lastKnownElr: [] },
      { partition: 1, replicas: [2, 3, 1], leader: 2, leaderEpoch: 0, isr: [2, 3, 1], partitionEpoch: 0, elr: [], lastKnownElr: [] },
      { partition: 2, replicas: [3, 1, 2], leader: 3, leaderEpoch: 0, isr: [3, 1, 2], partitionEpoch: 0, elr: [], lastKnownElr: [] },
    ]);
    for (const p of [0, 1, 2]) {
      const leaderId = p + 1;
      for (const brokerId of [1, 2, 3]) {
        const r = replica(state, brokerId, p);
        expect(r.role).toBe(brokerId === leaderId ? 'leader' : 'follower');
        expect(r.leaderId).toBe(leaderId);
        expect(r.leaderEpoch).toBe(0);
        expect(r.log).toEqual([]);
        expect(r.highWatermark).toBe(0);
      }
      expect(replica(state, leaderId, p).epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
    }
  });

  it('hosts replicas only where assigned (RF 2 of 3 brokers)', () => {
    const state = newCluster({ 'replication.factor': 2, 'num.partitions': 2 });
    expect(state.brokers.map((b) => b.replicas.map((r) => r !== null))).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
  });

  it('gives every broker a metadata view equal to the controller\'s, and registers every broker unfenced', () => {
    const state = newCluster({ 'num.partitions': 2 });
    for (const broker of state.brokers) expect(broker.metadata).toEqual(state.controller.partitions);
    expect(state.controller.brokers.every((v) => v.registered && !v.fenced && v.incarnation === 0)).toBe(true);
    expect(state.controller.brokerEpochNext).toBe(4);
  });

  it('creates the workload: one producer per model.producers, nothing sent yet, empty history', () => {
    const state = newCluster({ 'model.producers': 2, 'model.records': 3 });
    expect(state.producers.map((p) => [p.clientId, p.workloadNext, p.workloadSize])).toEqual([
      ['producer-1', 0, 3],
      ['producer-2', 0, 3],
    ]);
    expect(state.history.ops).toEqual([]);
    expect(state.reader.phase).toBe('idle');
    expect(state.nowMs).toBe(0);
  });

  it('is pure: the same config and seed give equal states and fingerprints; the seed only seeds the partitioners', () => {
    const config = resolveConfig({ 'num.partitions': 2 });
    const a = clusterModel.init(config, 'seed-a');
    const b = clusterModel.init(config, 'seed-a');
    expect(a).toEqual(b);
    const other = clusterModel.init(config, 'seed-b');
    expect(other.producers[0].partitioner.seed).toBe('seed-b/producer-1/partitioner');
    expect({ ...other, producers: [] }).toEqual({ ...a, producers: [] });
    expect(clusterModel.fingerprint(a)).toBe(clusterModel.fingerprint(b));
    expect(clusterModel.fingerprint(a)).not.toBe(clusterModel.fingerprint(clusterModel.init(resolveConfig({ 'num.partitions': 3 }), 'seed-a')));
  });

  it('sets the periodic timers: follower fetch backoff, heartbeats, session expiry, ISR expiration', () => {
    const state = newCluster({});
    expect(state.timers.map((t) => `${t.id} @${t.dueMs}`)).toEqual([
      'replica-fetch-backoff:broker-2:0 @500',
      'replica-fetch-backoff:broker-3:0 @500',
      'broker-heartbeat:broker-1:1 @2000',
      'broker-heartbeat:broker-2:2 @2000',
      'broker-heartbeat:broker-3:3 @2000',
      'broker-session:controller:1 @9000',
      'broker-session:controller:2 @9000',
      'broker-session:controller:3 @9000',
      'isr-expiration:broker-1:1 @15000',
      'isr-expiration:broker-2:2 @15000',
      'isr-expiration:broker-3:3 @15000',
    ]);
  });
});
