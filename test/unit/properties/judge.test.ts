import { describe, expect, it } from 'vitest';
import { createClusterJudge, FINDING_CASES_MAX } from '../../../properties/judge.ts';
import { clusterState, read, safeConfig, sendOk, setAllLogs, setLog } from './fixtures.ts';

describe('createClusterJudge', () => {
  it('finds nothing after a step on a fresh state, without allocating a result', () => {
    const judge = createClusterJudge(safeConfig());
    const state = clusterState({ partitions: 3 });
    const first = judge.afterStep(state);
    expect(first).toEqual([]);
    expect(judge.afterStep(state)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(judge.atEnd(state)).toEqual([]);
  });

  it('reports a broken state invariant with its guarantee and explanation', () => {
    const config = safeConfig({ 'min.insync.replicas': 1 });
    const judge = createClusterJudge(config);
    const state = clusterState({ config });
    setAllLogs(state, '1:v1 1:v2', 2);
    state.controller.partitions[0].isr = [2, 3];
    const findings = judge.afterStep(state);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      property: 'leader-in-isr',
      guaranteed: true,
      because: null,
      cases: [{ property: 'leader-in-isr', summary: 'p0 leader broker 1 (epoch 1) is not in the ISR [2, 3]' }],
    });
    expect(findings[0].doc).toBe("The controller's leader of each partition is none or a member of the controller's ISR.");
    expect(findings[0].explanation).toContain('The controller names broker 1 leader of partition 0 in leader epoch 1, but its ISR is [2, 3].');
  });

  it('a case the run excuses (Property.excuse: the partition elected its last known leader uncleanly) is not guaranteed; one on another partition is', () => {
    const config = safeConfig();
    const judge = createClusterJudge(config);
    const state = clusterState({ config, partitions: 2 });
    for (const partition of [0, 1]) {
      setAllLogs(state, '1:v1 1:v2', 2, partition);
      setLog(state, 3, '1:v1', 1, partition);
    }
    state.ghost.elections.push({ partition: 0, leader: 1, leaderEpoch: 1, clean: false, timeMs: 0, lastKnownLeader: true });
    const findings = judge.afterStep(state);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ property: 'strong-isr', guaranteed: true });
    expect(findings[0].cases.map((c) => [c.data.partition, c.allowedBecause !== undefined])).toEqual([
      [1, false],
      [0, true],
    ]);
    state.ghost.elections.push({ partition: 1, leader: 1, leaderEpoch: 1, clean: false, timeMs: 0, lastKnownLeader: true });
    const excused = judge.afterStep(state);
    expect(excused[0]).toMatchObject({ property: 'strong-isr', guaranteed: false });
    expect(excused[0].because).toMatch(/^p[01] elected broker 1, its last known leader, uncleanly \(leader epoch 1\)/);
  });

  it('keeps at most the first cases and counts the rest in the explanation', () => {
    const config = safeConfig({ 'min.insync.replicas': 1 });
    const judge = createClusterJudge(config);
    const state = clusterState({ config });
    setAllLogs(state, '1:v1', 1);
    setLog(state, 2, '', 0);
    for (let i = 0; i < 10; i++) state.history.ops.push(sendOk(`v${i + 10}`, i + 3));
    const findings = judge.afterStep(state);
    expect(findings.map((f) => f.property)).toEqual(['strong-isr', 'leader-completeness']);
    const completeness = findings[1];
    expect(completeness.cases).toHaveLength(FINDING_CASES_MAX);
    expect(completeness.cases[0].summary).toBe('p0 leader broker 1 (epoch 1) lacks v10, acknowledged at offset 3 with acks=all; its log end offset is 1');
    expect(completeness.explanation).toContain('Let W = the send of v10 to partition 0');
    expect(completeness.explanation).toContain('(10 cases in all; the first 8 are kept.)');
    expect(completeness).toMatchObject({ guaranteed: false, because: 'min.insync.replicas=1' });
    expect(findings[0].explanation).not.toContain('cases in all');
  });

  it('judges final-state properties at the end only, before the history properties', () => {
    const judge = createClusterJudge(safeConfig({ 'model.truncation': 'kip-101', 'model.fencing': false }));
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2', 2);
    setLog(state, 3, '1:v1 2:v7', 2);
    expect(judge.afterStep(state).map((f) => f.property)).toEqual(['strong-isr', 'log-matching']);
    const atEnd = judge.atEnd(state);
    expect(atEnd.map((f) => [f.property, f.guaranteed])).toEqual([['log-divergence', false]]);
    expect(atEnd[0].because).toContain('model.truncation=kip-101');
  });

  it('judges the history at the end, with the guarantees of its config', () => {
    const judge = createClusterJudge(safeConfig({ acks: 1 }));
    const state = clusterState({ config: safeConfig({ acks: 1 }) });
    state.history.ops.push(sendOk('v3', 1, { acks: 1 }), sendOk('v4', 2, { acks: 1 }), read('v1 v7 v8', { broker: 2, leaderEpoch: 3 }));
    const findings = judge.atEnd(state);
    expect(findings.map((f) => [f.property, f.cases.length, f.guaranteed, f.because])).toEqual([
      ['lost-write', 2, false, 'acks=1'],
      ['inconsistent-offsets', 2, false, 'acks=1'],
    ]);
    expect(findings[0].explanation).toBe(
      'Let W = the send of v3 to partition 0 (send-3 by producer-1), acknowledged at offset 1 with acks=1. ' +
        'However the final read of partition 0 (offsets 0..2 from broker 2, leader epoch 3) holds v7 at offset 1 and no v3 anywhere: a lost write.' +
        '\n(2 cases in all.)',
    );
  });
});

describe('judge: liveness guarantee', () => {
  it('promises settling only with diverging-epoch truncation and fencing', async () => {
    const { resolveConfig } = await import('../../../model/config.ts');
    const { createClusterJudge } = await import('../../../properties/judge.ts');
    expect(createClusterJudge(resolveConfig({})).livenessGuarantee?.()).toEqual({ guaranteed: true, because: null });
    const legacy = createClusterJudge(resolveConfig({ 'model.truncation': 'kip-101' })).livenessGuarantee?.();
    expect(legacy?.guaranteed).toBe(false);
    expect(legacy?.because).toContain('model.truncation=kip-101');
    const unfenced = createClusterJudge(resolveConfig({ 'model.fencing': false })).livenessGuarantee?.();
    expect(unfenced?.because).toContain('model.fencing=false');
  });

  it('does not promise settling where an alteration of min.insync.replicas may clear the ELRs (KAFKA-18649), and does without ELR or without that alteration', async () => {
    const { resolveConfig } = await import('../../../model/config.ts');
    const { createClusterJudge } = await import('../../../properties/judge.ts');
    const altering = { 'model.faults': 'kill,alter-config', 'model.alter.configs': 'min.insync.replicas=1' };
    const cleared = createClusterJudge(resolveConfig(altering)).livenessGuarantee?.();
    expect(cleared?.guaranteed).toBe(false);
    expect(cleared?.because).toContain('the controller then clears every ELR and last known leader, KAFKA-18649');
    expect(createClusterJudge(resolveConfig({ ...altering, 'eligible.leader.replicas.version': 0 })).livenessGuarantee?.()).toEqual({ guaranteed: true, because: null });
    expect(createClusterJudge(resolveConfig({ ...altering, 'model.alter.configs': 'unclean.leader.election.enable=true' })).livenessGuarantee?.()).toEqual({ guaranteed: true, because: null });
  });

  it('names model.kafka.version when the release chose the rule (0.11: KIP-101, no fencing)', async () => {
    const { resolveConfig } = await import('../../../model/config.ts');
    const { createClusterJudge } = await import('../../../properties/judge.ts');
    expect(createClusterJudge(resolveConfig({ 'model.kafka.version': '0.11' })).livenessGuarantee?.()).toEqual({
      guaranteed: false,
      because:
        'model.truncation=kip-101 (the default before Kafka 2.0, KIP-279; model.kafka.version=0.11) (a follower can be left unable to truncate and fetch, KAFKA-6361), ' +
        'model.fencing=false (the default before Kafka 2.1, KIP-320; model.kafka.version=0.11) (stale-epoch replicas can corrupt leader epoch caches)',
    });
  });
});
