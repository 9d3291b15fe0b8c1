import { describe, expect, it } from 'vitest';
import { strongIsr } from '../../../properties/strongIsr.ts';
import { clusterState, replicaOf, setAllLogs, setLog } from './fixtures.ts';

function committedState() {
  const state = clusterState();
  setAllLogs(state, '1:v1 1:v2 1:v3', 3);
  return state;
}

describe('strong-isr', () => {
  it('fires when an ISR member holds a different record below the leader high watermark', () => {
    const state = committedState();
    setLog(state, 1, '1:v1 1:v2 2:v3', 3);
    replicaOf(state, 1).leaderEpoch = 2;
    state.controller.partitions[0].leaderEpoch = 2;
    setLog(state, 2, '1:v1 1:v2 1:v4', 2);
    setLog(state, 3, '1:v1 1:v2 2:v3', 3);
    const cases = strongIsr.check(state);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('ISR member broker 2 holds v4 (epoch 1) at p0 offset 2 where leader broker 1 holds v3 (epoch 2), below leader broker 1\'s high watermark 3');
    expect(cases[0].data).toEqual({
      partition: 0,
      leader: 1,
      leaderEpoch: 2,
      highWatermark: 3,
      isr: [1, 2, 3],
      elr: [],
      member: 2,
      inElr: false,
      offset: 2,
      leaderRecord: { epoch: 2, value: 'v3' },
      memberRecord: { epoch: 1, value: 'v4' },
      memberLogEndOffset: 3,
    });
    expect(strongIsr.explain(cases[0])).toBe(
      "Partition 0's leader is broker 1 (leader epoch 2) with high watermark 3, and the controller's ISR is [1, 2, 3]. " +
        'Every record below the high watermark is committed, so every ISR member must hold it: any of them may be elected next. ' +
        'But broker 2 holds v4 (epoch 1) at offset 2, where the leader holds v3 (epoch 2): strong ISR is broken, and electing broker 2 would lose v3.',
    );
  });

  it('fires when an ISR member log ends below the leader high watermark', () => {
    const state = committedState();
    setLog(state, 3, '1:v1', 1);
    const cases = strongIsr.check(state);
    expect(cases.map((c) => c.summary)).toEqual(["ISR member broker 3 lacks p0 offset 1 (v2 (epoch 1)), below leader broker 1's high watermark 3"]);
    expect(cases[0].data).toMatchObject({ member: 3, offset: 1, memberRecord: null, memberLogEndOffset: 1 });
    expect(strongIsr.explain(cases[0])).toContain("But broker 3's log end offset is 1, so it lacks v2 (epoch 1) at offset 1");
  });

  it('does not fire for records above the high watermark, members outside the ISR, or brokers that are not current', () => {
    const state = committedState();
    setLog(state, 1, '1:v1 1:v2 1:v3 1:v4', 3);
    setLog(state, 2, '1:v1 1:v2 1:v3 1:v9', 3); // differs only above the high watermark
    expect(strongIsr.check(state)).toEqual([]);

    state.controller.partitions[0].isr = [1, 2];
    setLog(state, 3, '', 0); // out of the ISR: may lag
    expect(strongIsr.check(state)).toEqual([]);

    state.controller.partitions[0].isr = [1, 2, 3];
    state.brokers[2].status = 'crashed'; // memory gone
    expect(strongIsr.check(state)).toEqual([]);
    state.brokers[2].status = 'running';
    state.brokers[2].incarnation = 2; // restarted, not yet registered again
    expect(strongIsr.check(state)).toEqual([]);
    state.controller.brokers[2].incarnation = 2; // registered: now it counts
    expect(strongIsr.check(state)).toHaveLength(1);
  });

  it('skips a partition without a true leader', () => {
    const state = committedState();
    setLog(state, 2, '', 0);
    expect(strongIsr.check(state)).toHaveLength(1);
    replicaOf(state, 1).leaderEpoch = 0; // the leader has not yet heard of its epoch
    expect(strongIsr.check(state)).toEqual([]);
    replicaOf(state, 1).leaderEpoch = 1;
    replicaOf(state, 1).role = 'follower';
    expect(strongIsr.check(state)).toEqual([]);
    replicaOf(state, 1).role = 'leader';
    state.brokers[0].status = 'crashed';
    expect(strongIsr.check(state)).toEqual([]);
    state.brokers[0].status = 'paused'; // a paused leader still holds state and is current
    expect(strongIsr.check(state)).toHaveLength(1);
    state.controller.partitions[0].leader = -1;
    expect(strongIsr.check(state)).toEqual([]);
  });

  it('holds Eligible Leader Replicas (KIP-966) to the committed records too: fires when an ELR member lacks one', () => {
    const state = committedState();
    state.controller.partitions[0].isr = [1];
    state.controller.partitions[0].elr = [2, 3];
    setLog(state, 3, '1:v1 1:v2', 2);
    const cases = strongIsr.check(state);
    expect(cases.map((c) => c.summary)).toEqual(["ELR member broker 3 lacks p0 offset 2 (v3 (epoch 1)), below leader broker 1's high watermark 3"]);
    expect(cases[0].data).toMatchObject({ isr: [1], elr: [2, 3], member: 3, inElr: true });
    expect(strongIsr.explain(cases[0])).toBe(
      "Partition 0's leader is broker 1 (leader epoch 1) with high watermark 3, the controller's ISR is [1] and its Eligible Leader Replicas (KIP-966) are [2, 3]. " +
        'Every record below the high watermark is committed, and an ELR member is elected when the ISR is empty, so every ELR member must hold it too. ' +
        "But broker 3's log end offset is 2, so it lacks v3 (epoch 1) at offset 2: strong ISR is broken, and electing broker 3 would lose v3.",
    );
  });

  it('does not fire for an ELR member that holds the committed records, or one that is not current', () => {
    const state = committedState();
    state.controller.partitions[0].isr = [1];
    state.controller.partitions[0].elr = [2, 3];
    expect(strongIsr.check(state)).toEqual([]);
    setLog(state, 3, '', 0);
    state.brokers[2].status = 'crashed';
    expect(strongIsr.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(strongIsr.check(clusterState({ partitions: 3 }))).toEqual([]);
  });
});
