import { describe, expect, test } from 'vitest';
import { listChooser, shrinkCounterexample } from '../../../checker/shrink.ts';
import { randomSearch } from '../../../checker/engines/random.ts';
import { createToyModel, toyJudgeFor, SHORTEST_BUG_DEPTH, type ToyEvent } from './toyModel.ts';
import { toyConfig } from './fixtures.ts';

const config = toyConfig();
const judge = toyJudgeFor()(config);
const spec = { model: createToyModel(), config, seed: 'shrink', judge, stepsMax: 20 };

const W: ToyEvent = { type: 'write' };
const deliver = (from: 'r1' | 'r2', to: 'r1' | 'r2', seq: number): ToyEvent => ({ type: 'deliver', from, to, id: `${from}>${to}#${seq}` });

describe('shrinkCounterexample', () => {
  test('removes irrelevant faults and events, keeping the property', () => {
    const original: ToyEvent[] = [W, W, deliver('r1', 'r2', 0), deliver('r1', 'r2', 1), deliver('r2', 'r1', 0), { type: 'partition' }, { type: 'crash', node: 'r2' }];
    const result = shrinkCounterexample(spec, original, 'acked-durable');
    expect(result.run.findings.map((f) => f.property)).toEqual(['acked-durable']);
    expect(result.run.faultEvents).toEqual([W, deliver('r1', 'r2', 0), deliver('r2', 'r1', 0), { type: 'crash', node: 'r2' }]);
    expect(result.attemptsExhausted).toBe(false);
  });

  test('minimises a random-engine counterexample to the shortest one (seed 1)', () => {
    const search = randomSearch(spec.model, config, judge, { seed: '1', runs: 200, stepsMax: 20 });
    const [violation] = search.violations;
    const result = shrinkCounterexample({ ...spec, seed: violation.runSeed }, violation.run.faultEvents, 'acked-durable');
    expect(violation.run.events.length).toBeGreaterThan(SHORTEST_BUG_DEPTH);
    expect(result.run.trace).toHaveLength(SHORTEST_BUG_DEPTH);
    expect(result.run.trace[0].description).toBe('r1 writes v1 and replicates it to r2');
  });

  test('acks=1: each property is minimised on its own; a state property to the events up to its finding', () => {
    const unsafe = toyConfig({ acks: '1', 'model.records': 1 });
    const unsafeSpec = { ...spec, config: unsafe, judge: toyJudgeFor()(unsafe) };
    const original: ToyEvent[] = [W, deliver('r1', 'r2', 0), deliver('r2', 'r1', 0), { type: 'partition' }, { type: 'crash', node: 'r2' }];
    const state = shrinkCounterexample(unsafeSpec, original, 'acked-durable');
    expect(state.run.events).toEqual([W, deliver('r1', 'r2', 0), deliver('r2', 'r1', 0), { type: 'crash', node: 'r2' }]);
    expect(state.run.findingSteps).toEqual({ 'acked-durable': SHORTEST_BUG_DEPTH });
    const history = shrinkCounterexample(unsafeSpec, original, 'lost-write');
    expect(history.run.faultEvents).toEqual([W, deliver('r1', 'r2', 0), deliver('r2', 'r1', 0), { type: 'crash', node: 'r2' }]);
    expect(history.run.findings.map((f) => f.property)).toEqual(['acked-durable', 'lost-write']);
    expect(history.run.findingSteps['lost-write']).toBe(history.run.trace.length);
    expect(history.run.trace.at(-1)?.description).toMatch(/^deliver r2>client#0/);
  });

  test('stops at attemptsMax', () => {
    const original: ToyEvent[] = [W, W, deliver('r1', 'r2', 0), deliver('r1', 'r2', 1), deliver('r2', 'r1', 0), { type: 'partition' }, { type: 'crash', node: 'r2' }];
    const result = shrinkCounterexample(spec, original, 'acked-durable', { attemptsMax: 2 });
    expect(result.attempts).toBe(2);
    expect(result.attemptsExhausted).toBe(true);
    expect(result.run.findings.map((f) => f.property)).toEqual(['acked-durable']);
  });

  test('stops once expired says so (a wall-clock budget), keeping the best list so far', () => {
    const original: ToyEvent[] = [W, W, deliver('r1', 'r2', 0), deliver('r1', 'r2', 1), deliver('r2', 'r1', 0), { type: 'partition' }, { type: 'crash', node: 'r2' }];
    let checks = 0;
    const result = shrinkCounterexample(spec, original, 'acked-durable', { expired: () => ++checks > 3 });
    expect(result.attemptsExhausted).toBe(true);
    expect(result.attempts).toBeLessThanOrEqual(4);
    expect(result.run.findings.map((f) => f.property)).toEqual(['acked-durable']);
    expect(result.run.faultEvents.length).toBeGreaterThan(SHORTEST_BUG_DEPTH);
  });

  test('a list that does not fire the property comes back unchanged', () => {
    const result = shrinkCounterexample(spec, [W], 'acked-durable');
    expect(result.run.findings).toEqual([]);
    expect(result.attempts).toBe(1);
  });

  test('listChooser skips listed events that are not enabled', () => {
    const choose = listChooser<unknown, ToyEvent>([deliver('r1', 'r2', 5), W]);
    expect(choose([W, { type: 'crash', node: 'r2' }], null, 0)).toEqual(W);
    expect(choose([W], null, 1)).toBeNull();
  });
});
