/**
 * Guarantees judged against the config in force (properties/dynamicConfigAllowance.ts): with
 * alter-config changing min.insync.replicas, per record by the value its leader enforced; with
 * alter-config turning unclean election on, per partition by whether one happened.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../../model/cluster/types.ts';
import { createClusterJudge } from '../../../properties/judge.ts';
import { leaderCompleteness } from '../../../properties/leaderCompleteness.ts';
import { lostWrite } from '../../../properties/lostWrite.ts';
import { replicationGuarantee } from '../../../properties/replicationGuarantee.ts';
import { duplicate } from '../../../properties/duplicate.ts';
import { clusterState, read, safeConfig, sendOk, setAllLogs, setLog } from './fixtures.ts';

const minIsrLowered = safeConfig({ 'model.faults': 'kill,alter-config', 'model.alter.configs': 'min.insync.replicas=1' });
const minIsrRaised = safeConfig({ 'min.insync.replicas': 1, 'model.faults': 'kill,alter-config', 'model.alter.configs': 'min.insync.replicas=2' });
const uncleanTurnedOn = safeConfig({ 'model.faults': 'kill,alter-config', 'model.alter.configs': 'unclean.leader.election.enable=true' });

/** A final read of p0 holding v9 where v1 (offset 0) was acknowledged: lost-write of v1 and of v2 (offset 1). */
function lostTwo(state: ClusterState): void {
  state.history.ops.push(sendOk('v1', 0), sendOk('v2', 1), read('v9 v8 v7'));
}

describe('replicationGuarantee with alterations', () => {
  it('leaves min.insync.replicas out of the static judgement when an alteration may take it below 2, either way', () => {
    expect(replicationGuarantee(safeConfig({ 'min.insync.replicas': 1 }), true)).toEqual({ guaranteed: false, because: 'min.insync.replicas=1' });
    expect(replicationGuarantee(minIsrRaised, true)).toEqual({ guaranteed: true });
    expect(replicationGuarantee(minIsrLowered, true)).toEqual({ guaranteed: true });
  });

  it('leaves unclean.leader.election.enable out when an alteration may turn it on (or it starts on and may be turned off)', () => {
    expect(replicationGuarantee(uncleanTurnedOn, true)).toEqual({ guaranteed: true });
    const startsOn = safeConfig({ 'unclean.leader.election.enable': true, 'model.faults': 'alter-config', 'model.alter.configs': 'unclean.leader.election.enable=false' });
    expect(replicationGuarantee(startsOn, true)).toEqual({ guaranteed: true });
    expect(replicationGuarantee(safeConfig({ 'unclean.leader.election.enable': true }), true)).toEqual({ guaranteed: false, because: 'unclean.leader.election.enable=true' });
  });
});

describe('min.insync.replicas judged per record', () => {
  it('a record a leader acknowledged under min.insync.replicas=1 may be lost; one written and acknowledged under 2 may not', () => {
    const state = clusterState({ config: minIsrLowered });
    lostTwo(state);
    state.ghost.alterations.push({ timeMs: 400, key: 'min.insync.replicas', value: 1, previous: 2 });
    state.ghost.minIsrWrites.v1 = { partition: 0, minIsr: 2, broker: 1, timeMs: 100, at: 'append' };
    state.ghost.minIsrWrites.v2 = { partition: 0, minIsr: 1, broker: 1, timeMs: 500, at: 'acknowledgement' };
    const cases = lostWrite.check(state.history, state.config, state);
    expect(cases.map((c) => [c.data.value, c.allowedBecause])).toEqual([
      ['v1', undefined],
      [
        'v2',
        'min.insync.replicas=1 was in force at broker 1 when it acknowledged v2 at 500ms (the admin set min.insync.replicas=1 on the topic at 400ms with kafka-configs --alter): ' +
          'an acks=all record acknowledged or committed under it may exist on fewer than 2 replicas',
      ],
    ]);
    // v1 was not excused: the finding is a guaranteed one, and it leads.
    const findings = createClusterJudge(state.config).atEnd(state);
    expect(findings.find((f) => f.property === 'lost-write')).toMatchObject({ guaranteed: true, cases: [{ data: { value: 'v1' } }, { data: { value: 'v2' } }] });
  });

  it('raised live: records written under the starting value 1 are excused (naming the config at start), later ones are not', () => {
    const state = clusterState({ config: minIsrRaised });
    lostTwo(state);
    state.ghost.minIsrWrites.v1 = { partition: 0, minIsr: 1, broker: 2, timeMs: 100, at: 'append' };
    state.ghost.minIsrWrites.v2 = { partition: 0, minIsr: 2, broker: 2, timeMs: 900, at: 'append' };
    const cases = lostWrite.check(state.history, state.config, state);
    expect(cases[0].allowedBecause).toBe(
      "min.insync.replicas=1 was in force at broker 2 when it appended v1 at 100ms (the topic's config at start): an acks=all record acknowledged or committed under it may exist on fewer than 2 replicas",
    );
    expect(cases[1].allowedBecause).toBeUndefined();
  });

  it('when every case is excused, the finding is not guaranteed and says why', () => {
    const state = clusterState({ config: minIsrRaised });
    state.history.ops.push(sendOk('v1', 0), read('v9'));
    state.ghost.minIsrWrites.v1 = { partition: 0, minIsr: 1, broker: 1, timeMs: 100, at: 'append' };
    const finding = createClusterJudge(state.config).atEnd(state).find((f) => f.property === 'lost-write');
    expect(finding).toMatchObject({ guaranteed: false, because: expect.stringMatching(/^min\.insync\.replicas=1 was in force at broker 1 when it appended v1 at 100ms/) });
  });

  it('a state invariant (leader-completeness) is judged per record as well', () => {
    const state = clusterState({ config: minIsrLowered });
    setAllLogs(state, '1:v1', 1);
    state.history.ops.push(sendOk('v1', 0));
    setLog(state, 1, '', 0);
    state.ghost.minIsrWrites.v1 = { partition: 0, minIsr: 1, broker: 1, timeMs: 100, at: 'acknowledgement' };
    expect(leaderCompleteness.check(state)[0].allowedBecause).toMatch(/^min\.insync\.replicas=1 was in force at broker 1 when it acknowledged v1 at 100ms/);
    state.ghost.minIsrWrites.v1 = { partition: 0, minIsr: 2, broker: 1, timeMs: 100, at: 'acknowledgement' };
    expect(leaderCompleteness.check(state)[0].allowedBecause).toBeUndefined();
  });

  it('without a state (a history alone), nothing is excused', () => {
    const state = clusterState({ config: minIsrLowered });
    lostTwo(state);
    state.ghost.minIsrWrites.v2 = { partition: 0, minIsr: 1, broker: 1, timeMs: 500, at: 'append' };
    expect(lostWrite.check(state.history, state.config).map((c) => c.allowedBecause)).toEqual([undefined, undefined]);
  });
});

describe('unclean.leader.election.enable judged per partition', () => {
  it('an unclean election of the partition excuses its cases, naming the alteration and the election; another partition keeps the guarantee', () => {
    const state = clusterState({ config: uncleanTurnedOn, partitions: 2 });
    state.history.ops.push(sendOk('v1', 0), sendOk('v2', 0, { partition: 1 }), read('v9'), read('v8', { partition: 1 }));
    state.ghost.alterations.push({ timeMs: 3000, key: 'unclean.leader.election.enable', value: true, previous: false });
    state.ghost.elections.push({ partition: 0, leader: 3, leaderEpoch: 4, clean: false, timeMs: 5000 });
    const cases = lostWrite.check(state.history, state.config, state);
    expect(cases.map((c) => [c.data.partition, c.allowedBecause])).toEqual([
      [
        0,
        'unclean.leader.election.enable=true (the admin set unclean.leader.election.enable=true on the topic at 3000ms with kafka-configs --alter) let the controller elect broker 3 ' +
          'leader of p0 uncleanly at 5000ms (leader epoch 4), out of sync: records only the ISR held may be lost',
      ],
      [1, undefined],
    ]);
  });

  it("KIP-966's last known leader, elected uncleanly whatever the config, is not put down to the alteration: the judge names it (replicationExcuse)", () => {
    const state = clusterState({ config: uncleanTurnedOn });
    state.history.ops.push(sendOk('v1', 0), read('v9'));
    state.ghost.elections.push({ partition: 0, leader: 1, leaderEpoch: 3, clean: false, timeMs: 4000, lastKnownLeader: true });
    expect(lostWrite.check(state.history, state.config, state)[0].allowedBecause).toBeUndefined();
    const finding = createClusterJudge(state.config).atEnd(state).find((f) => f.property === 'lost-write')!;
    expect(finding.guaranteed).toBe(false);
    expect(finding.because).toMatch(/^p0 elected broker 1, its last known leader, uncleanly \(leader epoch 3\)/);
  });

  it('turning it on with no unclean election happening excuses nothing', () => {
    const state = clusterState({ config: uncleanTurnedOn });
    state.history.ops.push(sendOk('v1', 0), read('v9'));
    state.ghost.alterations.push({ timeMs: 3000, key: 'unclean.leader.election.enable', value: true, previous: false });
    state.ghost.elections.push({ partition: 0, leader: 2, leaderEpoch: 2, clean: true, timeMs: 5000 });
    expect(lostWrite.check(state.history, state.config, state)[0].allowedBecause).toBeUndefined();
  });

  it('a duplicate on an uncleanly elected partition is excused: its producer state may have been lost with the records', () => {
    const config = safeConfig({ 'enable.idempotence': true, 'model.faults': 'kill,alter-config', 'model.alter.configs': 'unclean.leader.election.enable=true' });
    const state = clusterState({ config });
    state.history.ops.push(sendOk('v1', 0), read('v1 v1'));
    state.ghost.elections.push({ partition: 0, leader: 2, leaderEpoch: 2, clean: false, timeMs: 5000 });
    expect(duplicate.check(state.history, state.config, state)[0].allowedBecause).toMatch(/^unclean\.leader\.election\.enable=true \(the topic's config at start\) let the controller elect broker 2/);
  });
});

describe('a finding the config already allows', () => {
  it('names what the run did besides in its explanation (power losses without KIP-966 ELR)', () => {
    const config = safeConfig({ 'model.faults': 'power,alter-config', 'model.alter.configs': 'min.insync.replicas=1', 'eligible.leader.replicas.version': 0 });
    const state = clusterState({ config });
    state.history.ops.push(sendOk('v1', 0), read('v9'));
    state.ghost.minIsrWrites.v1 = { partition: 0, minIsr: 1, broker: 1, timeMs: 100, at: 'append' };
    const finding = createClusterJudge(config).atEnd(state).find((f) => f.property === 'lost-write')!;
    expect(finding.guaranteed).toBe(false);
    expect(finding.because).toContain('model.faults includes power');
    expect(finding.explanation).toContain(' In this run, besides: min.insync.replicas=1 was in force at broker 1 when it appended v1 at 100ms (the topic\'s config at start)');
  });
});

