/**
 * The cluster model's coverage map (model/cluster/coverage.ts): each dimension named in issue 9
 * shows as its own feature. The states are driven by the real model to a settled cluster, then
 * the one field a dimension reads is set by hand, so each test shows what that dimension sees.
 */
import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ClusterEvent, ClusterState } from '../../../../model/cluster/index.ts';
import { send } from '../../../../model/cluster/access.ts';
import { newCluster, replica } from './drive.ts';

const WAIT: ClusterEvent = { type: 'timer', id: 'none' };

/** A settled 3-broker cluster (one partition, min.insync.replicas=2, two records written) and its observer's features so far. */
function settled(overrides: Record<string, unknown> = {}): { state: ClusterState; features: Set<string>; observe: (event?: ClusterEvent) => string[] } {
  const state = newCluster({ 'model.brokers': 3, 'replication.factor': 3, 'min.insync.replicas': 2, 'model.records': 2, ...overrides });
  const observer = clusterModel.coverage!(state);
  const features = new Set<string>();
  const observe = (event: ClusterEvent = WAIT): string[] => {
    const added: string[] = [];
    observer.observe(state, event, (f) => {
      added.push(f);
      features.add(f);
    });
    return added;
  };
  for (let i = 0; i < 400 && !(clusterModel.settled(state) && state.producers.every((p) => p.workloadNext === p.workloadSize)); i++) {
    const event = clusterModel.firstNonFault!(state);
    if (event === null) break;
    clusterModel.step(state, event);
    observe(event);
  }
  return { state, features, observe };
}

const partitionStates = (features: Iterable<string>): string[] => [...features].filter((f) => f.startsWith('p:') && !f.includes(' -> '));

describe('cluster coverage', () => {
  it('a settled cluster: one leader, ISR above min.insync.replicas, every replica at the high watermark', () => {
    const { state, features } = settled();
    expect(replica(state, 1).highWatermark).toBe(2);
    expect([...features]).toContain('p:isr>|eee|div0');
    // Few features for a fault-free run: the map is bounded, not one feature per state.
    expect(features.size).toBeLessThan(40);
  });

  it('leader-epoch changes since the start, bucketed', () => {
    const { state, observe } = settled();
    const start = state.controller.partitions[0].leaderEpoch;
    state.controller.partitions[0].leaderEpoch = start + 2;
    expect(partitionStates(observe())).toContain('p:e2|isr>|elr0|leader');
    state.controller.partitions[0].leaderEpoch = start + 40;
    expect(partitionStates(observe())).toContain('p:e6+|isr>|elr0|leader');
  });

  it('ISR size against min.insync.replicas: above, at, below, empty', () => {
    const { state, observe } = settled();
    const meta = state.controller.partitions[0];
    meta.isr = [meta.leader, meta.replicas.find((r) => r !== meta.leader)!];
    expect(partitionStates(observe()).some((f) => f.includes('|isr=|'))).toBe(true);
    meta.isr = [meta.leader];
    expect(partitionStates(observe()).some((f) => f.includes('|isr<|'))).toBe(true);
    meta.isr = [];
    expect(partitionStates(observe()).some((f) => f.includes('|isr0|'))).toBe(true);
  });

  it("each replica's log end against the leader's high watermark: below, equal, above; upper case when it lacks a committed record", () => {
    const { state, observe } = settled();
    const meta = state.controller.partitions[0];
    const [a, b] = meta.replicas.filter((r) => r !== meta.leader);
    replica(state, a).log.pop();
    const leader = replica(state, meta.leader);
    leader.log.push({ ...leader.log[0], value: 'extra' });
    expect(partitionStates(observe())).toContain('p:isr>|Bae|div0|isr-lacks-committed1');
    replica(state, b).log.pop();
    replica(state, b).log.pop();
    expect(partitionStates(observe())).toContain('p:isr>|BBa|div0|isr-lacks-committed2');
  });

  it('a follower whose log diverges from the leader (same offset, another epoch)', () => {
    const { state, observe } = settled();
    const meta = state.controller.partitions[0];
    const follower = replica(state, meta.replicas.find((r) => r !== meta.leader)!);
    follower.log[1] = { ...follower.log[1], epoch: follower.log[1].epoch + 1 };
    expect(partitionStates(observe())).toContain('p:isr>|eee|div1');
  });

  it('the leader (an ISR member) lacks a record some leader committed', () => {
    const { state, observe } = settled();
    const meta = state.controller.partitions[0];
    const leader = replica(state, meta.leader);
    leader.log.pop();
    leader.highWatermark = 1;
    expect(partitionStates(observe()).find((f) => f.includes('leader-lacks-committed'))).toBe('p:isr>|Eaa|div0|isr-lacks-committed1|leader-lacks-committed');
  });

  it('truncations by cause and size, below or above the leader high watermark', () => {
    const { state, observe } = settled();
    const meta = state.controller.partitions[0];
    const follower = meta.replicas.find((r) => r !== meta.leader)!;
    replica(state, follower).log.pop();
    expect(observe({ type: 'deliver', from: `broker-${meta.leader}`, to: `broker-${follower}`, id: 'x' })).toContain('truncate:fetch:1:below-hw');
    replica(state, follower).log.pop();
    expect(observe({ type: 'deliver', from: 'controller', to: `broker-${follower}`, id: 'x' })).toContain('truncate:metadata:1:below-hw');
    const other = meta.replicas.find((r) => r !== meta.leader && r !== follower)!;
    replica(state, other).log.length = 0;
    expect(observe({ type: 'crash', broker: other, kind: 'power' })).toContain('truncate:crash-power:2:below-hw');
  });

  it('clean, unclean and last-known-leader elections, with the ISR they left', () => {
    const { state, observe } = settled();
    const election = { partition: 0, leader: 2, leaderEpoch: 5, timeMs: state.nowMs };
    state.ghost.elections.push({ ...election, clean: true });
    expect(observe()).toContain('elect:clean:isr>');
    state.controller.partitions[0].isr = [2];
    state.ghost.elections.push({ ...election, clean: false });
    expect(observe()).toContain('elect:unclean:isr<');
    state.controller.partitions[0].isr = [];
    state.ghost.elections.push({ ...election, clean: false, lastKnownLeader: true });
    expect(observe()).toContain('elect:last-known-leader:isr0');
  });

  it('fencing: brokers the controller fenced, and FENCED_LEADER_EPOCH answers', () => {
    const { state, features, observe } = settled();
    expect([...features]).toContain('brokers:run3|crash0|pause0|stop0|fenced0');
    state.controller.brokers[1].fenced = true;
    expect(observe()).toContain('brokers:run3|crash0|pause0|stop0|fenced1');
    send(state, 'broker-1', 'broker-2', { type: 'FetchResponse', fetchId: 'f', partition: 0, error: 'FENCED_LEADER_EPOCH', leaderEpoch: -1, highWatermark: -1, logEndOffset: -1, records: [], divergingEpoch: null });
    expect(observe()).toContain('error:FetchResponse:FENCED_LEADER_EPOCH');
    // Seen once: a message still in flight at the next step is not new.
    expect(observe()).not.toContain('error:FetchResponse:FENCED_LEADER_EPOCH');
  });

  it('producer error codes met, and the producer state (in flight, retrying, epoch bump)', () => {
    const { state, features, observe } = settled();
    expect([...features]).toContain('producer:inflight0|retry0|bump0');
    send(state, 'broker-1', 'producer-1', { type: 'ProduceResponse', requestId: 'r', partition: 0, error: 'NOT_ENOUGH_REPLICAS', baseOffset: -1 });
    state.producers[0].epochBumpRequired = true;
    const added = observe();
    expect(added).toContain('error:ProduceResponse:NOT_ENOUGH_REPLICAS');
    expect(added).toContain('producer:inflight0|retry0|bump1');
  });
});
