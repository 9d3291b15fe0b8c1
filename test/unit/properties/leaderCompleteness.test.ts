import { describe, expect, it } from 'vitest';
import { leaderCompleteness } from '../../../properties/leaderCompleteness.ts';
import { clusterState, replicaOf, sendFail, sendInfo, sendOk, setAllLogs, setLog } from './fixtures.ts';

describe('leader-completeness', () => {
  it('fires when the true leader holds another record at an acks=all offset', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v3', 2);
    state.history.ops.push(sendOk('v1', 0), sendOk('v3', 1));
    state.controller.partitions[0].leader = 2;
    state.controller.partitions[0].leaderEpoch = 3;
    replicaOf(state, 1).role = 'follower';
    const newLeader = setLog(state, 2, '1:v1 3:v7', 1);
    newLeader.role = 'leader';
    newLeader.leaderEpoch = 3;
    const cases = leaderCompleteness.check(state);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('p0 leader broker 2 (epoch 3) lacks v3, acknowledged at offset 1 with acks=all; it holds v7 (epoch 3) there');
    expect(cases[0].data).toEqual({
      partition: 0,
      leader: 2,
      leaderEpoch: 3,
      sendId: 'send-3',
      process: 'producer-1',
      value: 'v3',
      offset: 1,
      leaderRecord: { epoch: 3, value: 'v7' },
      leaderLogEndOffset: 2,
    });
    expect(leaderCompleteness.explain(cases[0])).toBe(
      'Let W = the send of v3 to partition 0 (send-3 by producer-1), acknowledged at offset 1 with acks=all. ' +
        'The current leader of partition 0 is broker 2 (leader epoch 3), yet it holds v7 (epoch 3) at offset 1: it lacks W. ' +
        'An acks=all acknowledgement means W was on every in-sync replica, so any clean leader must hold it: leader completeness is broken, and W is lost once the followers truncate to this leader.',
    );
  });

  it('fires when the true leader log ends before the acknowledged offset', () => {
    const state = clusterState({ partitions: 2 });
    state.history.ops.push(sendOk('v4', 2, { partition: 1 }));
    setLog(state, 1, '1:v1', 1, 1);
    const cases = leaderCompleteness.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['p1 leader broker 1 (epoch 1) lacks v4, acknowledged at offset 2 with acks=all; its log end offset is 1']);
    expect(leaderCompleteness.explain(cases[0])).toContain('yet its log ends before offset 2 (log end offset 1): it lacks W');
  });

  it('does not fire for held records, weaker acks, unacknowledged sends, or without a true leader', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2', 2);
    state.history.ops.push(
      sendOk('v1', 0),
      sendOk('v2', 1),
      sendOk('v5', 2, { acks: 1 }),
      sendOk('v6', null, { acks: 0 }),
      sendFail('v7'),
      sendInfo('v8'),
    );
    expect(leaderCompleteness.check(state)).toEqual([]);
    state.history.ops.push(sendOk('v9', 5));
    expect(leaderCompleteness.check(state)).toHaveLength(1);
    state.brokers[0].status = 'crashed';
    expect(leaderCompleteness.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(leaderCompleteness.check(clusterState({ partitions: 3 }))).toEqual([]);
  });
});
