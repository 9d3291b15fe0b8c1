import { describe, expect, it } from 'vitest';
import { GROUP_HISTORY_PROPERTIES, GROUP_PROPERTIES, GROUP_STATE_PROPERTIES, createGroupJudge, groupPropertyByName } from '../../../properties/group/index.ts';
import { PROPERTIES } from '../../../properties/index.ts';
import { apply, consumer, groupConfig, initState, settle } from './drive.ts';

describe('the group property catalogue', () => {
  it('lists state invariants, then history properties, each with a kebab-case name and a one-line doc', () => {
    expect(GROUP_PROPERTIES.map((p) => `${p.kind}:${p.name}`)).toEqual([
      'state:single-owner',
      'state:assignment-valid',
      'state:assignment-complete',
      'state:revoke-before-assign',
      'state:generation-fenced',
      'state:committed-offset-monotonic',
      'history:lost-processing',
      'history:duplicate-processing',
      'history:rebalance-converges',
      'history:poll-skip',
      'history:nonmonotonic-poll',
      'history:consumer-lag',
    ]);
    for (const p of GROUP_PROPERTIES) {
      expect(p.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(p.doc).toMatch(/^[A-Z].*\.$/);
      expect(p.doc).not.toContain('\n');
    }
    expect(GROUP_STATE_PROPERTIES.length + GROUP_HISTORY_PROPERTIES.length).toBe(GROUP_PROPERTIES.length);
    expect(groupPropertyByName('generation-fenced')?.kind).toBe('state');
    expect(groupPropertyByName('lost-write')).toBeUndefined();
  });

  it('shares no name with the cluster catalogue', () => {
    const cluster = new Set(PROPERTIES.map((p) => p.name));
    expect(GROUP_PROPERTIES.filter((p) => cluster.has(p.name))).toEqual([]);
  });
});

describe('createGroupJudge', () => {
  it('finds nothing after the steps of a fault-free run, and nothing at its end', () => {
    const state = initState();
    const judge = createGroupJudge(state.config);
    settle(state);
    expect(judge.afterStep(state)).toEqual([]);
    apply(state, { type: 'final-read' });
    expect(judge.atEnd(state)).toEqual([]);
    expect(judge.livenessGuarantee?.()).toEqual({ guaranteed: true, because: null });
  });

  it('turns cases into findings that say whether Kafka guarantees the property under the config', () => {
    const config = groupConfig({ 'model.group.faults': 'pause' });
    const judge = createGroupJudge(config);
    const state = initState({ 'model.group.faults': 'pause' });
    settle(state);
    consumer(state, 'consumer-2').owned.push({ partition: 0, position: 0, processedNext: 0, committed: -1, stoppedBy: null });
    const [finding] = judge.afterStep(state);
    expect(finding).toMatchObject({
      property: 'single-owner',
      doc: 'At no instant do two running members of one group both own the same partition.',
      guaranteed: false,
      because: 'model.group.faults includes pause (a member that misses its session keeps processing until told; the classic protocol fences only its commits)',
    });
    expect(finding.cases).toHaveLength(1);
    expect(finding.explanation).toContain('single-owner is broken');
  });

  it('judges the history at the end: a lost record is guaranteed against under process-then-commit without retention', () => {
    const state = initState({ 'model.group.processing': 'process-then-commit', 'retention.ms': -1 });
    const judge = createGroupJudge(state.config);
    settle(state);
    apply(state, { type: 'final-read' });
    state.history = state.history.filter((op) => !(op.type === 'process' && op.partition === 0 && op.offset === 1));
    const findings = judge.atEnd(state);
    expect(findings.map((f) => [f.property, f.guaranteed])).toEqual([['lost-processing', true]]);
  });
});
