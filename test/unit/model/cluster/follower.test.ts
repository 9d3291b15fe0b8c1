/**
 * The four truncation rules on hand-built divergences (reference/replication.md §3.1, §3.3).
 * Model epochs start at 0, the reference's at 1: model epoch e is the reference's e+1.
 */
import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import type { TruncationRule } from '../../../../model/config.ts';
import { ModelAssertionError } from '../../../../model/kernel/assert.ts';
import { handleEpochQueryResponse, handleFetchResponse } from '../../../../model/cluster/follower.ts';
import { apply, applyExact, avoiding, chooseFirstNonFault, chooseQuiet, deliverNext, expectInOrder, head, holding, inFlight, linesOf, logOf, newCluster, replica, runUntil, sendOp } from './drive.ts';

/**
 * §3.1 (KIP-101 scenario 1): RF 2, B = broker 1 leads, A = broker 2 follows. A fetched m1 (v1)
 * and m2 (v2) but its own HW is 1; its Fetch(offset 2) makes B's HW 2 (v2 committed, acked),
 * and A restarts before a response carrying HW 2 arrives. Returns the state when A, after
 * following B again, sends its first Fetch (held, not delivered).
 */
function restartBeforeHighWatermark(rule: TruncationRule): ClusterState {
  const state = newCluster({ 'model.brokers': 2, 'replication.factor': 2, 'model.faults': 'kill', 'model.records': 2, 'model.truncation': rule, 'model.fencing': rule === 'diverging-epoch' });
  apply(state, (e) => e.type === 'send', 'send v1');
  runUntil(state, (s) => replica(s, 2).highWatermark === 1, chooseQuiet);
  apply(state, (e) => e.type === 'send', 'send v2');
  runUntil(state, (s) => replica(s, 2).log.length === 2, chooseQuiet);
  expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0']);
  expect(replica(state, 2).highWatermark).toBe(1);
  expect(deliverNext(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 2 });
  expect(replica(state, 1).highWatermark).toBe(2);
  // The answer carries the HW read before this fetch advanced it (Partition.readRecords).
  expect(head(state, 'broker-1', 'broker-2')).toMatchObject({ type: 'FetchResponse', highWatermark: 1 });
  applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
  applyExact(state, { type: 'restart', broker: 2 });
  expect(replica(state, 2).highWatermark).toBe(1);
  runUntil(state, (s) => replica(s, 2).fetchInFlight, avoiding(holding('broker-2', 'broker-1', 'Fetch'), chooseQuiet));
  // m2 was committed and acknowledged before A followed again.
  expect(sendOp(state, 'v2').outcome).toMatchObject({ type: 'ok', offset: 1 });
  return state;
}

describe('§3.1: a restarted follower with a stale HW follows the leader again', () => {
  it('high-watermark: A truncates to its own HW 1, dropping the committed m2', () => {
    const state = restartBeforeHighWatermark('high-watermark');
    expect(logOf(state, 2)).toEqual(['v1@0']);
    expect(head(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 1 });
    expect(linesOf(state).some((l) => l.includes('OffsetForLeaderEpoch'))).toBe(false);
  });

  it('kip-101: A asks for the end of epoch 0, B answers 2 (its log end), A keeps m2', () => {
    const state = restartBeforeHighWatermark('kip-101');
    expect(linesOf(state)).toContain('broker-2 → broker-1: OffsetForLeaderEpoch p0 epoch 0');
    expect(linesOf(state)).toContain('broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 0 endOffset 2');
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0']);
    expect(head(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 2 });
  });

  it('kip-279: B answers (epoch 0, 2), A keeps m2', () => {
    const state = restartBeforeHighWatermark('kip-279');
    expect(linesOf(state)).toContain('broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 0 endOffset 2');
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0']);
    expect(head(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 2 });
  });

  it('diverging-epoch: A fetches at 2 with lastFetchedEpoch 0 without any truncation step, keeping m2', () => {
    const state = restartBeforeHighWatermark('diverging-epoch');
    expect(linesOf(state).some((l) => l.includes('OffsetForLeaderEpoch'))).toBe(false);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0']);
    expect(head(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 2, lastFetchedEpoch: 0 });
  });

  it('every rule ends with both replicas equal here (the leader still has m2)', () => {
    for (const rule of ['high-watermark', 'kip-101', 'kip-279', 'diverging-epoch'] as const) {
      const state = restartBeforeHighWatermark(rule);
      runUntil(state, (s) => clusterModel.settled(s), chooseFirstNonFault);
      expect({ rule, a: logOf(state, 2) }).toEqual({ rule, a: ['v1@0', 'v2@0'] });
    }
  });
});

/**
 * Leadership ping-pongs between A = broker 1 and B = broker 2 (RF 2, acks=1), each new leader
 * writing one record that the other never fetches (both directions held), then B follows A.
 * B first fetches v1 from A in epoch 0; A then writes `extraBefore` more records in epoch 0.
 */
function failovers(rule: TruncationRule, extraBefore: number, leaders: number[]): ClusterState {
  const records = 1 + extraBefore + leaders.length;
  const state = newCluster({ 'model.brokers': 2, 'replication.factor': 2, acks: 1, 'model.faults': 'elect', 'model.records': records, 'model.truncation': rule, 'model.fencing': rule === 'diverging-epoch' });
  const holdBoth = avoiding((e, s) => holding('broker-2', 'broker-1')(e, s) || holding('broker-1', 'broker-2')(e, s), chooseQuiet);
  let sent = 0;
  const sendAndWait = (): void => {
    apply(state, (e) => e.type === 'send', 'send');
    sent++;
    runUntil(state, (s) => sendOp(s, `v${sent}`).outcome !== null, holdBoth);
    expect(sendOp(state, `v${sent}`).outcome).toMatchObject({ type: 'ok' });
  };
  sendAndWait();
  runUntil(state, (s) => replica(s, 2).log.length === 1, chooseQuiet);
  for (let i = 0; i < extraBefore; i++) sendAndWait();
  for (const leader of leaders) {
    applyExact(state, { type: 'elect', partition: 0, broker: leader });
    deliverNext(state, 'controller', `broker-${leader}`);
    deliverNext(state, 'controller', `broker-${3 - leader}`);
    sendAndWait();
  }
  return state;
}

/**
 * §3.3 (KAFKA-6361, n = 20, one record per offset): A [0:x@e0, 1:y@e0], B [0:x@e0]. B is
 * elected (e1) and writes 1:z@e1; before A truncates, A is elected again (e2) and writes
 * 2:w@e2; then B follows A. x, y, z, w are v1..v4.
 */
function fastFailover(rule: TruncationRule): ClusterState {
  const state = failovers(rule, 1, [2, 1]);
  // A never had epoch 1: its cache goes from epoch 0 straight to epoch 2 at offset 2.
  expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0', 'v4@2']);
  expect(replica(state, 1).epochCache).toEqual([
    { epoch: 0, startOffset: 0 },
    { epoch: 2, startOffset: 2 },
  ]);
  expect(logOf(state, 2)).toEqual(['v1@0', 'v3@1']);
  runUntil(state, (s) => clusterModel.settled(s), chooseQuiet);
  return state;
}

describe('§3.3: fast leader fail-over, then the old follower follows (n = 20)', () => {
  it('kip-101: A answers epoch 1 with 2 (start of epoch 2); B does not truncate and keeps the divergent z under w', () => {
    const state = fastFailover('kip-101');
    expect(linesOf(state)).toContain('broker-2 → broker-1: OffsetForLeaderEpoch p0 epoch 1');
    expect(linesOf(state)).toContain('broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 1 endOffset 2');
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0', 'v4@2']);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v3@1', 'v4@2']);
    // Both HWs are 3: the logs differ at offset 1, below both high watermarks, and nothing noticed.
    expect([replica(state, 1).highWatermark, replica(state, 2).highWatermark]).toEqual([3, 3]);
  });

  it('kip-279: A answers (epoch 0, 2); B truncates to min(own end of epoch 0 = 1, 2) = 1 and fetches y and w', () => {
    const state = fastFailover('kip-279');
    expect(linesOf(state)).toContain('broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 0 endOffset 2');
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0', 'v4@2']);
    expect(logOf(state, 2)).toEqual(logOf(state, 1));
  });

  it('diverging-epoch: B fetches at 2 with lastFetchedEpoch 1, gets divergingEpoch (0, 2), truncates to 1 and fetches y and w', () => {
    const state = fastFailover('diverging-epoch');
    expect(linesOf(state)).toContain('broker-2 → broker-1: Fetch p0 offset 2 lastFetchedEpoch 1 (leader epoch 2)');
    expect(linesOf(state)).toContain('broker-1 → broker-2: FetchResponse p0 divergingEpoch {epoch 0, endOffset 2}');
    expect(linesOf(state)).toContain('broker-2 → broker-1: Fetch p0 offset 1 lastFetchedEpoch 0 (leader epoch 2)');
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0', 'v4@2']);
    expect(logOf(state, 2)).toEqual(logOf(state, 1));
  });
});

describe('several fail-overs: the follower lacks the epoch the leader answers with', () => {
  /** Leaders 2, 1, 2, 1 (epochs 1..4): A [x@0, y@2, t@4], B [x@0, z@1, u@3]. */
  function pingPong(rule: TruncationRule): ClusterState {
    const state = failovers(rule, 0, [2, 1, 2, 1]);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v3@2', 'v5@4']);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@1', 'v4@3']);
    runUntil(state, (s) => clusterModel.settled(s), chooseQuiet);
    return state;
  }

  it('kip-279 takes two rounds: (2, 2) for epoch 3, which B lacks, then (0, 1) for epoch 1; B ends equal to A', () => {
    const state = pingPong('kip-279');
    // (Queries from earlier sessions, held until now, are answered too but ignored by B.)
    expectInOrder(linesOf(state), [
      'broker-2 → broker-1: OffsetForLeaderEpoch p0 epoch 3',
      'broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 2 endOffset 2',
      'broker-2 → broker-1: OffsetForLeaderEpoch p0 epoch 1',
      'broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 0 endOffset 1',
      'broker-2 → broker-1: Fetch p0 offset 1 lastFetchedEpoch 0 (leader epoch 4)',
    ]);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v3@2', 'v5@4']);
  });

  it('diverging-epoch takes two diverging answers and ends equal to A', () => {
    const state = pingPong('diverging-epoch');
    expectInOrder(linesOf(state), [
      'broker-2 → broker-1: Fetch p0 offset 3 lastFetchedEpoch 3 (leader epoch 4)',
      'broker-1 → broker-2: FetchResponse p0 divergingEpoch {epoch 2, endOffset 2}',
      'broker-2 → broker-1: Fetch p0 offset 2 lastFetchedEpoch 1 (leader epoch 4)',
      'broker-1 → broker-2: FetchResponse p0 divergingEpoch {epoch 0, endOffset 1}',
      'broker-2 → broker-1: Fetch p0 offset 1 lastFetchedEpoch 0 (leader epoch 4)',
    ]);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v3@2', 'v5@4']);
  });

  it('kip-101 truncates only to 2 (the start of epoch 4) and keeps z at offset 1', () => {
    const state = pingPong('kip-101');
    expect(linesOf(state)).toContain('broker-1 → broker-2: OffsetForLeaderEpochResponse p0 epoch 3 endOffset 2');
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@1', 'v5@4']);
  });
});

describe('catching up', () => {
  it('a follower that lost its log fetches whole batches, at most 64 records per response, and its HW never passes its log end', () => {
    const state = newCluster({ 'model.records': 65, 'model.faults': 'power' });
    runUntil(state, (s) => clusterModel.settled(s), chooseFirstNonFault, 3000);
    expect(replica(state, 1).highWatermark).toBe(65);
    // The leader's batches: the first answer is the longest run of whole batches within 64 records.
    const starts = replica(state, 1).log.flatMap((e, offset) => (e.batchStart === false ? [] : [offset])).concat([65]);
    const firstAnswer = Math.max(...starts.filter((o) => o <= 64));
    expect(firstAnswer).toBeGreaterThan(0);
    applyExact(state, { type: 'crash', broker: 3, kind: 'power' });
    expect(logOf(state, 3)).toEqual([]);
    applyExact(state, { type: 'restart', broker: 3 });
    runUntil(state, (s) => replica(s, 3).log.length > 0, chooseQuiet);
    expect(linesOf(state)).toContain('broker-3 → broker-1: Fetch p0 offset 0 lastFetchedEpoch -1 (leader epoch 0)');
    expect(replica(state, 3).log).toHaveLength(firstAnswer);
    expect(replica(state, 3).highWatermark).toBe(firstAnswer);
    runUntil(state, (s) => clusterModel.settled(s), chooseQuiet);
    expect(replica(state, 3)).toMatchObject({ highWatermark: 65 });
    expect(replica(state, 3).log).toEqual(replica(state, 1).log);
  });
});

describe('KIP-101 era truncation leaves a divergent tail, and the follower appends older epochs after it', () => {
  /**
   * Found by random walks on `--set model.truncation=kip-101` (fencing on by default): a model
   * assertion "append of epoch 1 after epoch 2" (exit 3). Broker 1 led epoch 2 and wrote x, y at
   * offsets 0–1 that nobody copied; broker 3 led epoch 1 with a..d at 0–3 and now leads epoch 3.
   * Broker 1 follows it and asks for the end of its epoch 2: KIP-101's leader answers the start of
   * its first larger epoch, 4 (LeaderEpochFileCache.endOffsetFor, 0.11.0/1.0), so broker 1 keeps
   * x, y and fetches from offset 2. In Kafka 0.11–1.x that fetch appends c, d (epoch 1) after
   * epoch 2 (Log.appendAsFollower checks no epoch order; LeaderEpochFileCache.assign only warns):
   * the divergence KIP-279 fixed. The append is real Kafka behaviour, not a model inconsistency.
   */
  function followerWithDivergentTail(rule: TruncationRule): ClusterState {
    const state = newCluster({ 'model.truncation': rule });
    const follower = replica(state, 1);
    Object.assign(follower, { role: 'follower', leaderId: 3, leaderEpoch: 3, partitionEpoch: 3, fetchInFlight: true, fetchBackoff: false, followers: [] });
    follower.log = [
      { epoch: 2, value: 'x', producerId: -1, producerEpoch: -1, sequence: -1 },
      { epoch: 2, value: 'y', producerId: -1, producerEpoch: -1, sequence: -1 },
    ];
    follower.epochCache = [{ epoch: 2, startOffset: 0 }];
    follower.flushedCount = 2;
    return state;
  }

  function deliverTail(state: ClusterState): void {
    const records = [
      { offset: 2, epoch: 1, value: 'c', producerId: -1, producerEpoch: -1, sequence: -1 },
      { offset: 3, epoch: 1, value: 'd', producerId: -1, producerEpoch: -1, sequence: -1 },
    ];
    handleFetchResponse(state, 1, { type: 'FetchResponse', fetchId: '3:fetch-1', partition: 0, error: 'NONE', leaderEpoch: 3, highWatermark: 0, logEndOffset: 4, records, divergingEpoch: null });
  }

  it('kip-101 with model.fencing=true: the epoch-1 records follow the epoch-2 ones, no model assertion', () => {
    const state = followerWithDivergentTail('kip-101');
    deliverTail(state);
    expect(logOf(state, 1)).toEqual(['x@2', 'y@2', 'c@1', 'd@1']);
  });

  it('high-watermark with model.fencing=true: the same append happens', () => {
    const state = followerWithDivergentTail('high-watermark');
    deliverTail(state);
    expect(logOf(state, 1)).toEqual(['x@2', 'y@2', 'c@1', 'd@1']);
  });

  it('diverging-epoch with fencing: truncation cannot leave such a tail, so the append is a model assertion', () => {
    const state = followerWithDivergentTail('diverging-epoch');
    expect(() => deliverTail(state)).toThrow(ModelAssertionError);
  });

  it('kip-279 with fencing: the same append is a model assertion', () => {
    const state = followerWithDivergentTail('kip-279');
    expect(() => deliverTail(state)).toThrow(ModelAssertionError);
  });
});

describe('a legacy truncation target inside a batch', () => {
  /**
   * Found by random walks (truncation-high-watermark, 30 records, linger.ms=200, kills, power,
   * drops): a model assertion "truncation to offset 6, inside a batch" (exit 3). A diverged
   * follower's own HW fell inside one of its batches. Kafka's LogSegment.truncateTo removes the
   * whole batch holding the target; the model's log ends at that batch's start.
   */
  it('high-watermark: broker 2 holds batches [0,1) [1,4) with HW 2 and follows a new leader: it truncates to 1', () => {
    const state = newCluster({ 'model.truncation': 'high-watermark', 'model.fencing': false, 'model.faults': 'elect' });
    const follower = replica(state, 2);
    follower.log = ['a', 'b', 'c', 'd'].map((value, i) => ({ epoch: 0, value, producerId: -1, producerEpoch: -1, sequence: -1, batchStart: i <= 1 }));
    follower.epochCache = [{ epoch: 0, startOffset: 0 }];
    follower.flushedCount = 4;
    follower.highWatermark = 2;
    applyExact(state, { type: 'elect', partition: 0, broker: 3 });
    deliverNext(state, 'controller', 'broker-2');
    expect(replica(state, 2)).toMatchObject({ role: 'follower', leaderId: 3, highWatermark: 1 });
    expect(logOf(state, 2)).toEqual(['a@0']);
  });

  it('diverging-epoch with fencing: truncation inside a batch is a model assertion', () => {
    const state = newCluster({ 'model.faults': 'elect' });
    const follower = replica(state, 2);
    follower.log = ['a', 'b', 'c', 'd'].map((value, i) => ({ epoch: 0, value, producerId: -1, producerEpoch: -1, sequence: -1, batchStart: i <= 1 }));
    follower.epochCache = [{ epoch: 0, startOffset: 0 }];
    follower.flushedCount = 4;
    Object.assign(follower, { fetchInFlight: true, fetchBackoff: false });
    expect(() => handleFetchResponse(state, 2, { type: 'FetchResponse', fetchId: '0:f', partition: 0, error: 'NONE', leaderEpoch: 0, highWatermark: 0, logEndOffset: 2, records: [], divergingEpoch: { epoch: 0, endOffset: 2 } })).toThrow(ModelAssertionError);
  });
});

describe('a diverging epoch the follower never had (AbstractFetcherThread.getOffsetTruncationState)', () => {
  /**
   * Found by kmc fuzz around acks-all-five-brokers (seed mf-f1, config 21, unclean elections): a
   * model assertion "truncation to offset 9, inside a batch" (exit 3). Broker 2 holds v1..v5 and
   * v13..v21 in two epoch-0 batches [0,5) [5,14), then epoch 2 from 14 (nothing written in it).
   * Leader 4 (epoch 4) holds v13..v21 in epoch 1 at [0,9). Broker 2 fetches at 14 with last epoch
   * 2; the leader answers diverging epoch (1, 9). Broker 2 never had epoch 1: its largest epoch
   * up to 1 is 0, ending at 14. Kafka truncates to that, min its log end (14), and asks again; the
   * model took min(14, 9) = 9, inside broker 2's batch [5,14).
   */
  function brokerTwoAfterUncleanElections(): ClusterState {
    const state = newCluster({ 'model.faults': 'elect' });
    const follower = replica(state, 2);
    const values = ['v1', 'v2', 'v3', 'v4', 'v5', 'v13', 'v14', 'v15', 'v16', 'v17', 'v18', 'v19', 'v20', 'v21'];
    follower.log = values.map((value, i) => ({ epoch: 0, value, producerId: -1, producerEpoch: -1, sequence: -1, batchStart: i === 0 || i === 5 }));
    follower.epochCache = [
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 14 },
    ];
    follower.flushedCount = 14;
    Object.assign(follower, { leaderId: 1, leaderEpoch: 4, fetchInFlight: true, fetchBackoff: false });
    return state;
  }

  it('diverging-epoch: truncates to the end of its own epoch 0 (14), not into its batch, and fetches again with last epoch 0', () => {
    const state = brokerTwoAfterUncleanElections();
    handleFetchResponse(state, 2, { type: 'FetchResponse', fetchId: '4:f', partition: 0, error: 'NONE', leaderEpoch: 4, highWatermark: 0, logEndOffset: 9, records: [], divergingEpoch: { epoch: 1, endOffset: 9 } });
    expect(replica(state, 2).log).toHaveLength(14);
    expect(replica(state, 2).epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(inFlight(state, 'broker-2', 'broker-1').at(-1)).toMatchObject({ type: 'Fetch', fetchOffset: 14, lastFetchedEpoch: 0 });
  });

  it('the next answer, for its own epoch 0, which the leader never had, truncates it to the leader\'s offset', () => {
    const state = brokerTwoAfterUncleanElections();
    handleFetchResponse(state, 2, { type: 'FetchResponse', fetchId: '4:f', partition: 0, error: 'NONE', leaderEpoch: 4, highWatermark: 0, logEndOffset: 9, records: [], divergingEpoch: { epoch: 1, endOffset: 9 } });
    replica(state, 2).fetchInFlight = true;
    // Epoch 0 is below every epoch leader 4 has: it answers (0, its first start offset 0) (KAFKA-7415).
    handleFetchResponse(state, 2, { type: 'FetchResponse', fetchId: '4:f', partition: 0, error: 'NONE', leaderEpoch: 4, highWatermark: 0, logEndOffset: 9, records: [], divergingEpoch: { epoch: 0, endOffset: 0 } });
    expect(replica(state, 2).log).toEqual([]);
  });
});

/**
 * Two brokers; follower 2 holds v13@0 | v1@0 v2@0 | v14@0 (a batch of two in the middle) with epoch
 * cache (0,0) (3,4): it led epoch 3 without writing.
 */
function withUnwrittenEpoch(overrides: Record<string, unknown>): ClusterState {
  const state = newCluster({ 'model.brokers': 2, 'replication.factor': 2, 'model.faults': 'elect', ...overrides });
  const entry = (value: string, epoch: number, batchStart: boolean) => ({ epoch, value, producerId: -1, producerEpoch: -1, sequence: -1, batchStart });
  const follower = replica(state, 2);
  follower.log = [entry('v13', 0, true), entry('v1', 0, true), entry('v2', 0, false), entry('v14', 0, true)];
  follower.epochCache = [{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 4 }];
  follower.flushedCount = 4;
  return state;
}

describe('diverging epoch for an epoch the follower never had (AbstractFetcherThread.getOffsetTruncationState)', () => {
  /**
   * Regression, found by walks with admin elections (`kmc check --scenario acks-all-min-isr-2 --set
   * model.brokers=5 --set replication.factor=3 --set min.insync.replicas=2 --set
   * model.faults=power,kill,isolate,link,shutdown,elect --set model.faults.max=8 --set
   * model.records=12 --seed a1`, run 302): a model assertion "truncation to offset 2, inside a
   * batch" (exit 3). Broker 4 holds v13@0 | v1@0 v2@0 | v14@0 with epoch cache (0,0) (3,4): it led
   * epoch 3 without writing. Leader broker 3 (epoch 4) holds v13@0 | v14@1, cache (0,0) (1,1) (4,2).
   * Broker 4 fetches at 4 with lastFetchedEpoch 3 and gets divergingEpoch (1, 2). Broker 4 has no
   * epoch 1: its largest below is 0, ending at 4. Kafka truncates to min(4, log end 4) and fetches
   * again (truncationCompleted = false); the model took min(4, 2) = 2, inside the batch v1 v2.
   */
  it('truncates to the end of its own largest epoch below, fetches again with that epoch, and ends as the leader\'s copy', () => {
    const state = withUnwrittenEpoch({});
    Object.assign(replica(state, 2), { fetchInFlight: true, fetchBackoff: false });
    handleFetchResponse(state, 2, { type: 'FetchResponse', fetchId: '0:f', partition: 0, error: 'NONE', leaderEpoch: 0, highWatermark: 0, logEndOffset: 2, records: [], divergingEpoch: { epoch: 1, endOffset: 2 } });
    expect(logOf(state, 2)).toEqual(['v13@0', 'v1@0', 'v2@0', 'v14@0']);
    expect(replica(state, 2).epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
    // The next fetch names epoch 0, which both know: the leader's answer (0, 1) then bounds it.
    expect(head(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'Fetch', fetchOffset: 4, lastFetchedEpoch: 0 });
    Object.assign(replica(state, 2), { fetchInFlight: true });
    handleFetchResponse(state, 2, { type: 'FetchResponse', fetchId: '0:g', partition: 0, error: 'NONE', leaderEpoch: 0, highWatermark: 0, logEndOffset: 2, records: [], divergingEpoch: { epoch: 0, endOffset: 1 } });
    expect(logOf(state, 2)).toEqual(['v13@0']);
  });
});

describe('KIP-279 answer for an epoch the follower never had (AbstractFetcherThread.getOffsetTruncationState, 2.0+)', () => {
  /**
   * Regression, found by kmc fuzz around acks-all-min-isr-2 (seed bv2, config 3:
   * model.kafka.version=2.4, replication.factor=2, model.records=70): a model assertion
   * "truncation to offset 9, inside a batch" (exit 3). The OffsetsForLeaderEpoch twin of the
   * diverging-epoch case above: the follower lacks the epoch the leader answers with, and Kafka
   * truncates to min(its own end of its largest epoch below, its log end), not to the leader's offset.
   */
  it('truncates to the end of its own largest epoch below and asks again about that epoch', () => {
    const state = withUnwrittenEpoch({ 'model.kafka.version': '2.4', 'enable.idempotence': false, acks: 1, 'linger.ms': 0 });
    Object.assign(replica(state, 2), { truncationPending: true, fetchInFlight: false });
    handleEpochQueryResponse(state, 2, { type: 'OffsetForLeaderEpochResponse', requestId: '0:q', partition: 0, error: 'NONE', leaderEpoch: 1, endOffset: 2 });
    expect(logOf(state, 2)).toEqual(['v13@0', 'v1@0', 'v2@0', 'v14@0']);
    expect(replica(state, 2).epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(head(state, 'broker-2', 'broker-1')).toMatchObject({ type: 'OffsetForLeaderEpoch', leaderEpoch: 0 });
  });
});
