import { describe, expect, it } from 'vitest';
import { logDivergence } from '../../../properties/logDivergence.ts';
import { logMatching } from '../../../properties/logMatching.ts';
import { clusterState, safeConfig, setAllLogs, setLog } from './fixtures.ts';

describe('log-divergence', () => {
  it('fires when two replicas of a settled cluster still differ below both high watermarks (KAFKA-6361)', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2 2:v4', 3);
    setLog(state, 2, '1:v1 1:v3 2:v4', 3);
    const cases = logDivergence.check(state);
    expect(cases.map((c) => c.summary)).toEqual([
      'brokers 1 and 2 disagree at p0 offset 1 below both high watermarks: v2 (epoch 1) vs v3 (epoch 1)',
      'brokers 2 and 3 disagree at p0 offset 1 below both high watermarks: v3 (epoch 1) vs v2 (epoch 1)',
    ]);
    expect(cases.every((c) => c.property === 'log-divergence')).toBe(true);
    expect(logDivergence.explain(cases[0])).toBe(
      'Every fault was healed and the cluster settled: every replica of partition 0 caught up with its leader (broker 1 at high watermark 3, broker 2 at 3). ' +
        'Yet broker 1 holds v2 (epoch 1) at offset 1 and broker 2 holds v3 (epoch 1): truncation never found the point where the logs diverged, ' +
        'so they stay different for good and what a consumer reads at offset 1 depends on which replica leads: log divergence.',
    );
  });

  it('is silent on identical logs, and on differences at or above a high watermark', () => {
    const state = clusterState({ partitions: 2 });
    setAllLogs(state, '1:v1 1:v2', 2);
    setAllLogs(state, '1:v1', 1, 1);
    setLog(state, 3, '1:v1 2:v9', 1, 1);
    expect(logDivergence.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(logDivergence.check(clusterState({ partitions: 3 }))).toEqual([]);
  });

  it('is judged once, at the end of a run that settled: a kind of its own beside the step invariant log-matching', () => {
    expect(logDivergence.kind).toBe('final');
    expect(logMatching.kind).toBe('state');
  });

  it("is guaranteed by today's truncation with fencing, even with unclean elections, power losses and min.insync.replicas=1", () => {
    const lossy = safeConfig({ 'unclean.leader.election.enable': true, 'model.faults': 'kill,power', 'min.insync.replicas': 1, acks: 1 });
    expect(logDivergence.guaranteedWhen(lossy)).toEqual({ guaranteed: true });
    // The same config breaks the transient invariant: a replica that lost records may lead for a while.
    expect(logMatching.guaranteedWhen(lossy)).toMatchObject({ guaranteed: false });
  });

  it('is not guaranteed by truncation to the high watermark or KIP-101, or without KIP-320 fencing; KIP-279 with fencing finds the divergence', () => {
    expect(logDivergence.guaranteedWhen(safeConfig({ 'model.truncation': 'kip-101' }))).toEqual({
      guaranteed: false,
      because: "model.truncation=kip-101 (after a fast leader fail-over the leader's epoch end offset can lie past the divergence: KAFKA-6361)",
    });
    expect(logDivergence.guaranteedWhen(safeConfig({ 'model.truncation': 'high-watermark', 'model.fencing': false }))).toEqual({
      guaranteed: false,
      because:
        'model.truncation=high-watermark (a follower truncates to its own high watermark and can keep records the new leader lacks: KIP-101), ' +
        "model.fencing=false (before KIP-320 and KAFKA-7415, 2.1, a replica on stale leadership can rewrite its leader epoch cache, KAFKA-6880, and an epoch below all the leader's is answered undefined, so the follower keeps its log up to its high watermark)",
    });
    expect(logDivergence.guaranteedWhen(safeConfig({ 'model.truncation': 'kip-279' }))).toEqual({ guaranteed: true });
    expect(logDivergence.guaranteedWhen(safeConfig({ 'model.truncation': 'kip-279', 'model.fencing': false }))).toMatchObject({ guaranteed: false });
  });
});
