import { describe, expect, it } from 'vitest';
import { describeRpc } from '../../../../model/cluster/describe.ts';
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ClusterEvent } from '../../../../model/cluster/index.ts';
import { FAST, apply, applyExact, chooseQuiet, newCluster, runUntil, traceOf } from './drive.ts';

describe('describe', () => {
  it('writes one line per event in Kafka\'s vocabulary', () => {
    const state = newCluster({ 'num.partitions': 2, 'model.producers': 2, 'model.records': 3 });
    const lines: [ClusterEvent, string][] = [
      [{ type: 'send', producer: 'producer-1' }, 'producer-1 sends v1 with no key'],
      [{ type: 'send', producer: 'producer-2' }, 'producer-2 sends v4 with no key'],
      [{ type: 'timer', id: 'replica-fetch-backoff:broker-2:0' }, 'broker-2: replica-fetch-backoff timer fires (0) at 500ms'],
      [{ type: 'timer', id: 'broker-session:controller:1' }, 'controller: broker-session timer fires at 9000ms'],
      [{ type: 'timer', id: 'nope' }, 'timer nope fires'],
      [{ type: 'crash', broker: 2, kind: 'kill' }, 'broker 2 is killed (SIGKILL); its page cache survives'],
      [{ type: 'crash', broker: 2, kind: 'power' }, 'broker 2 loses power; 0 unflushed records lost'],
      [{ type: 'restart', broker: 2 }, 'broker 2 restarts (log recovery, new incarnation)'],
      [{ type: 'pause', broker: 3 }, 'broker 3 pauses (SIGSTOP)'],
      [{ type: 'resume', broker: 3 }, 'broker 3 resumes (SIGCONT) with the state it had'],
      [{ type: 'shutdown', broker: 1 }, 'broker 1 shuts down cleanly'],
      [{ type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: false }, 'network: broker-1 cut off from broker-2'],
      [{ type: 'partition', a: ['broker-1'], b: ['controller', 'broker-2', 'broker-3'], oneWay: false }, 'network: broker-1 cut off from everyone else'],
      [{ type: 'partition', a: ['broker-1'], b: ['controller'], oneWay: true }, 'network: broker-1 can no longer reach controller (one way)'],
      [{ type: 'partition', a: ['controller'], b: ['broker-1', 'broker-2', 'broker-3', 'producer-1'], oneWay: false }, 'network: controller cut off from everyone else (the model\'s controller never fails over: it goes on alone)'],
      [{ type: 'heal' }, 'network: every partition heals'],
      [{ type: 'drop', a: 'broker-1', b: 'producer-1' }, 'network: connection broker-1 ⇄ producer-1 drops; in-flight messages lost'],
      [{ type: 'elect', partition: 0, broker: 2 }, 'admin: elect broker 2 leader of p0 (kafka-leader-election)'],
      [{ type: 'final-read' }, 'reader: final read of every partition from offset 0'],
    ];
    for (const [event, line] of lines) expect(clusterModel.describe(event, state)).toBe(line);
  });

  it('describes a delivery by the message at the head of the connection', () => {
    const state = newCluster({});
    apply(state, (e) => e.type === 'send', 'send');
    const deliver = clusterModel.enabled(state).find((e) => e.type === 'deliver');
    expect(deliver).toBeDefined();
    expect(clusterModel.describe(deliver!, state)).toBe('producer-1 → broker-1: Metadata request');
    expect(clusterModel.describe({ type: 'deliver', from: 'a', to: 'b', id: 'a>b#7' }, state)).toBe('a → b: (message a>b#7 not in flight)');
  });

  it('describes the messages the way a trace shows them', () => {
    expect(describeRpc({ type: 'Fetch', fetchId: 'f', replicaId: 2, replicaEpoch: 2, partition: 0, fetchOffset: 3, lastFetchedEpoch: 1, currentLeaderEpoch: 2 })).toBe('Fetch p0 offset 3 lastFetchedEpoch 1 (leader epoch 2)');
    expect(describeRpc({ type: 'FetchResponse', fetchId: 'f', partition: 0, error: 'NONE', leaderEpoch: 2, highWatermark: 1, logEndOffset: 2, records: [{ offset: 1, epoch: 2, value: 'v2', producerId: -1, producerEpoch: -1, sequence: -1 }], divergingEpoch: null })).toBe('FetchResponse p0 records 1:v2@e2, HW 1');
    expect(describeRpc({ type: 'FetchResponse', fetchId: 'f', partition: 0, error: 'NONE', leaderEpoch: 2, highWatermark: 1, logEndOffset: 2, records: [], divergingEpoch: { epoch: 0, endOffset: 1 } })).toBe('FetchResponse p0 divergingEpoch {epoch 0, endOffset 1}');
    expect(describeRpc({ type: 'FetchResponse', fetchId: 'f', partition: 0, error: 'FENCED_LEADER_EPOCH', leaderEpoch: 2, highWatermark: 1, logEndOffset: 2, records: [], divergingEpoch: null })).toBe('FetchResponse p0 FENCED_LEADER_EPOCH');
    expect(describeRpc({ type: 'Produce', requestId: 'r', partition: 1, acks: -1, producerId: -1, producerEpoch: -1, baseSequence: -1, records: [{ value: 'v1' }] })).toBe('Produce p1 v1 acks=all');
    expect(describeRpc({ type: 'ProduceResponse', requestId: 'r', partition: 1, error: 'NONE', baseOffset: 4 })).toBe('ProduceResponse p1 offset 4');
    expect(describeRpc({ type: 'MetadataUpdate', metadataOffset: 3, partitions: [{ partition: 0, replicas: [1, 2], leader: 2, leaderEpoch: 1, isr: [2], partitionEpoch: 2, elr: [], lastKnownElr: [] }], brokers: [], topicConfig: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false } })).toBe('MetadataUpdate #3: p0 leader 2 epoch 1 isr {2}');
    expect(
      describeRpc({ type: 'MetadataUpdate', metadataOffset: 4, partitions: [{ partition: 0, replicas: [1, 2, 3], leader: -1, leaderEpoch: 3, isr: [], partitionEpoch: 5, elr: [2, 3], lastKnownElr: [1] }], brokers: [], topicConfig: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false } }),
    ).toBe('MetadataUpdate #4: p0 leader -1 epoch 3 isr {} elr {2,3} last known leader 1');
    expect(describeRpc({ type: 'BrokerRegistration', brokerId: 2, incarnation: 1, previousBrokerEpoch: 2 })).toBe('BrokerRegistration (incarnation 1, clean shutdown at broker epoch 2)');
    expect(describeRpc({ type: 'BrokerRegistration', brokerId: 2, incarnation: 1, previousBrokerEpoch: -1 })).toBe('BrokerRegistration (incarnation 1)');
    expect(describeRpc({ type: 'AlterPartition', proposalId: 'isr-change-1', brokerId: 1, brokerEpoch: 1, partition: 0, leaderEpoch: 0, partitionEpoch: 0, isr: [1, 2], isrBrokerEpochs: [1, 2] })).toBe('AlterPartition p0 isr {1,2} (leader epoch 0, partition epoch 0)');
    expect(describeRpc({ type: 'BrokerHeartbeat', brokerId: 1, brokerEpoch: 1, metadataOffset: 1, wantShutDown: true })).toBe('BrokerHeartbeat wantShutDown=true');
    expect(describeRpc({ type: 'ConsumerFetchResponse', requestId: 'r', partition: 0, error: 'NONE', leaderEpoch: 0, highWatermark: 2, records: [] })).toBe('FetchResponse (consumer) p0 0 records, HW 2');
  });

  it('says so when the controller fences a running broker it is cut off from: the model\'s controller never fails over', () => {
    const state = newCluster({ ...FAST, 'model.faults': 'isolate' });
    applyExact(state, { type: 'partition', a: ['controller'], b: ['broker-1', 'broker-2', 'broker-3', 'producer-1'], oneWay: false });
    runUntil(state, (s) => s.controller.brokers.some((b) => b.fenced), chooseQuiet);
    const fencing = traceOf(state).filter((s) => s.line.startsWith('controller: broker-session timer fires'));
    expect(fencing.map((s) => s.line)).toContain(
      'controller: broker-session timer fires at 3000ms; it fences broker 1, running but cut off from it (the model\'s controller never fails over: KRaft would elect another controller were this one isolated)',
    );
  });
});
