import { describe, expect, test } from 'vitest';
import { exhaustiveSearch } from '../../../checker/engines/exhaustive.ts';
import { SHORTEST_BUG_DEPTH, createToyModel, toyJudgeFor } from './toyModel.ts';
import { toyConfig } from './fixtures.ts';

const config = toyConfig();
const judge = toyJudgeFor()(config);

describe('exhaustive engine (seed 1)', () => {
  test.each([true, false])('finds a shortest counterexample (completeEachState %s)', (completeEachState) => {
    const result = exhaustiveSearch(createToyModel(), config, judge, { seed: '1', depthMax: 8, statesMax: 10_000, completeEachState });
    expect(result.status).toBe('violated');
    const [violation] = result.violations;
    expect(violation.run.trace).toHaveLength(SHORTEST_BUG_DEPTH);
    expect(violation.depth).toBe(SHORTEST_BUG_DEPTH);
    expect(violation.run.findingSteps).toEqual({ 'acked-durable': SHORTEST_BUG_DEPTH });
    expect(violation.properties).toEqual(['acked-durable']);
    expect(violation.run.trace.map((s) => s.description)).toEqual([
      'r1 writes v1 and replicates it to r2',
      'deliver r1>r2#0: {"kind":"replicate","value":1}',
      'deliver r2>r1#0: {"kind":"ack","value":1}',
      'r2 crashes (power loss): value v1 back to flushed v0',
    ]);
    expect(result.depthReached).toBe(SHORTEST_BUG_DEPTH);
  });

  test('a history property comes with the shortest prefix and its completion', () => {
    const history = toyJudgeFor({ invariant: false })(toyConfig({ 'model.records': 1 }));
    const result = exhaustiveSearch(createToyModel(), toyConfig({ 'model.records': 1 }), history, { seed: '1', depthMax: 8, statesMax: 10_000 });
    const [violation] = result.violations;
    expect(violation.run.findings.map((f) => f.property)).toEqual(['lost-write']);
    expect(violation.byCompletion).toBe(true);
    expect(violation.depth).toBe(SHORTEST_BUG_DEPTH);
    expect(violation.run.trace.slice(SHORTEST_BUG_DEPTH).map((s) => s.event.type)).toEqual(['final-read', 'deliver', 'deliver']);
    expect(violation.run.trace.map((s) => s.index)).toEqual(violation.run.trace.map((_, i) => i + 1));
  });

  test('respects statesMax and says the bound cut the space', () => {
    const result = exhaustiveSearch(createToyModel({ bug: false }), config, judge, { seed: '1', depthMax: 50, statesMax: 300 });
    expect(result.statesDistinct).toBe(300);
    expect(result).toMatchObject({ status: 'budget-exhausted', complete: false, violations: [] });
  });

  test('a depth bound gives passed but not complete; a small space is explored completely', () => {
    const cut = exhaustiveSearch(createToyModel({ bug: false }), config, judge, { seed: '1', depthMax: 3, statesMax: 10_000 });
    expect(cut).toMatchObject({ status: 'passed', complete: false, depthReached: 3 });
    const noFaults = toyConfig({ 'model.records': 1, 'model.faults': 'none' });
    const whole = exhaustiveSearch(createToyModel({ bug: false }), noFaults, toyJudgeFor()(noFaults), { seed: '1', depthMax: 50, statesMax: 10_000 });
    expect(whole).toMatchObject({ status: 'passed', complete: true, statesDistinct: 4, depthReached: 3 });
    expect(whole.bytesPerState).toBeGreaterThan(0);
    expect(whole.statesPerSecond).toBeGreaterThan(0);
  });

  test('deduplicates states by fingerprint: every distinct state is counted once', () => {
    const result = exhaustiveSearch(createToyModel({ bug: false }), config, judge, { seed: '1', depthMax: 4, statesMax: 100_000, completeEachState: false });
    expect(result.transitions).toBeGreaterThan(result.statesDistinct - 1);
  });

  test('keeps exploring past a violation until stopWhen is satisfied', () => {
    const both = toyJudgeFor({ crashedTwice: true })(config);
    const result = exhaustiveSearch(createToyModel(), config, both, { seed: '1', depthMax: 8, statesMax: 20_000, stopWhen: () => false });
    expect(result.violations.map((v) => v.run.findings[0].property)).toEqual(['crashed-twice', 'acked-durable']);
    expect(result.violations.map((v) => v.run.trace.length)).toEqual([2, SHORTEST_BUG_DEPTH]);
  });

  test('acks=1: a state finding Kafka does not guarantee against is recorded, and the search goes on through it', () => {
    const unsafe = toyConfig({ 'model.records': 1, acks: '1' });
    const safe = toyConfig();
    const options = { seed: '1', depthMax: 8, statesMax: 20_000, stopWhen: () => false };
    const result = exhaustiveSearch(createToyModel(), unsafe, toyJudgeFor()(unsafe), options);
    expect(result.violations.map((v) => [v.properties, v.depth, v.byCompletion])).toEqual([
      [['acked-durable'], SHORTEST_BUG_DEPTH, false],
      [['lost-write'], SHORTEST_BUG_DEPTH, true],
    ]);
    const lost = result.violations[1].run;
    expect(lost.findings.map((f) => f.property)).toEqual(['acked-durable', 'lost-write']);
    expect(lost.findingSteps).toEqual({ 'acked-durable': SHORTEST_BUG_DEPTH, 'lost-write': lost.trace.length });
    // With acks=all the search does not go past a state with the (now guaranteed) finding: with
    // two writes, some states are only reachable through one, so fewer states are seen.
    const pruned = exhaustiveSearch(createToyModel(), safe, toyJudgeFor()(safe), options);
    const unpruned = exhaustiveSearch(createToyModel(), toyConfig({ acks: '1' }), toyJudgeFor()(toyConfig({ acks: '1' })), options);
    expect(pruned.violations.map((v) => v.properties)).toEqual([['acked-durable']]);
    expect(unpruned.violations.map((v) => v.properties)).toEqual([['acked-durable'], ['lost-write']]);
    expect(unpruned.statesDistinct).toBeGreaterThan(pruned.statesDistinct);
  });

  test('with model.workloadDone, only states whose workload is done are completed; the history property is still found', () => {
    const history = toyJudgeFor({ invariant: false })(toyConfig({ 'model.records': 1 }));
    const options = { seed: '1', depthMax: 8, statesMax: 10_000, stopWhen: () => false };
    const every = exhaustiveSearch(createToyModel(), toyConfig({ 'model.records': 1 }), history, options);
    const gated = exhaustiveSearch(createToyModel({ workloadDone: true }), toyConfig({ 'model.records': 1 }), history, options);
    expect(gated.statesDistinct).toBe(every.statesDistinct);
    expect(every.completions).toBe(every.statesDistinct - 1);
    expect(gated.completions).toBeGreaterThan(0);
    expect(gated.completions).toBeLessThan(every.completions / 2);
    expect(gated.violations.map((v) => [v.properties, v.depth])).toEqual([[['lost-write'], SHORTEST_BUG_DEPTH]]);
    expect(gated.violations[0].run.trace.map((s) => s.description)).toEqual(every.violations[0].run.trace.map((s) => s.description));
  });

  test('a frontier state not held is rebuilt along its path: the search and its findings are the same', () => {
    const options = { seed: '1', depthMax: 8, statesMax: 20_000, stopWhen: () => false };
    const held = exhaustiveSearch(createToyModel(), config, judge, options);
    const rebuilt = exhaustiveSearch(createToyModel(), config, judge, { ...options, frontierStatesHeldMax: 1 });
    expect(held.statesRebuilt).toBe(0);
    expect(rebuilt.statesRebuilt).toBeGreaterThan(held.statesDistinct / 2);
    const summary = (r: typeof held) => [r.statesDistinct, r.transitions, r.depthReached, r.violations.map((v) => [v.properties, v.depth, v.run.trace.map((s) => s.description)])];
    expect(summary(rebuilt)).toEqual(summary(held));
  });

  test('a model assertion is an internal error with the path that reached it', () => {
    const result = exhaustiveSearch(createToyModel({ assertOnWrite: 2 }), config, judge, { seed: '1', depthMax: 8, statesMax: 10_000, completeEachState: false });
    expect(result.violations).toEqual([]);
    expect(result.internalError).toMatchObject({ kind: 'model-assertion', step: 2 });
    expect(result.internalError?.events.map((e) => e.type)).toEqual(['write', 'write']);
  });
});
