import { describe, expect, test } from 'vitest';
import { traceToJsonLines } from '../../../model/kernel/trace.ts';
import { randomRun, randomRunSeed, randomSearch } from '../../../checker/engines/random.ts';
import { SwarmMix, FAULT_WEIGHTS, NON_FAULT_WEIGHTS } from '../../../checker/engines/swarm.ts';
import { createRng } from '../../../model/kernel/rng.ts';
import { createToyModel, toyJudgeFor, type ToyEvent } from './toyModel.ts';
import { toyConfig } from './fixtures.ts';

const config = toyConfig();
const judge = toyJudgeFor()(config);

describe('random engine (seed 1)', () => {
  test('finds the planted bug and stops at the first violating run', () => {
    const result = randomSearch(createToyModel(), config, judge, { seed: '1', runs: 200, stepsMax: 20 });
    expect(result.status).toBe('violated');
    expect(result.violations).toHaveLength(1);
    const [violation] = result.violations;
    expect(violation.run.findings.map((f) => f.property)).toEqual(['acked-durable']);
    expect(violation.runSeed).toBe(randomRunSeed('1', violation.runIndex));
    expect(result.runs).toBe(violation.runIndex + 1);
  });

  test('the same seed twice gives identical runs', () => {
    const first = randomSearch(createToyModel(), config, judge, { seed: '1', runs: 200, stepsMax: 20 });
    const second = randomSearch(createToyModel(), config, judge, { seed: '1', runs: 200, stepsMax: 20 });
    expect(JSON.stringify(second.violations[0].run.events)).toBe(JSON.stringify(first.violations[0].run.events));
    expect(second.events).toBe(first.events);
  });

  test('searching is describe-free; a run replays from its run seed alone, described', () => {
    const search = randomSearch(createToyModel(), config, judge, { seed: '1', runs: 200, stepsMax: 20 });
    const [violation] = search.violations;
    expect(violation.run.trace).toEqual([]);
    const again = randomRun(createToyModel(), config, judge, { runSeed: violation.runSeed, stepsMax: 20, describe: true });
    expect(again.trace.map((s) => s.event)).toEqual(violation.run.events);
    expect(again.findingSteps).toEqual(violation.run.findingSteps);
    const twice = randomRun(createToyModel(), config, judge, { runSeed: violation.runSeed, stepsMax: 20, describe: true });
    expect(traceToJsonLines(twice.trace)).toBe(traceToJsonLines(again.trace));
  });

  test('acks=1: one run shows the state property and the lost write it leads to', () => {
    const unsafe = toyConfig({ acks: '1' });
    const result = randomSearch(createToyModel(), unsafe, toyJudgeFor()(unsafe), {
      seed: '1',
      runs: 200,
      stepsMax: 20,
      stopWhen: (found) => found.has('lost-write'),
    });
    const run = result.violations.find((v) => v.run.findings.some((f) => f.property === 'lost-write'))!.run;
    expect(run.findings.map((f) => f.property)).toEqual(['acked-durable', 'lost-write']);
    expect(run.findingSteps['acked-durable']).toBeLessThan(run.findingSteps['lost-write']);
    expect(run.findingSteps['lost-write']).toBe(run.events.length);
    expect(run.phase).toBe('end');
  });

  test('counts: a run whose findings it rejects neither stops the search nor is kept (acks=1, seed 3)', () => {
    const unsafe = toyConfig({ acks: '1' });
    const all = randomSearch(createToyModel(), unsafe, toyJudgeFor()(unsafe), { seed: '3', runs: 400, stepsMax: 20 });
    expect(all.violations.map((v) => [v.runIndex, v.run.findings.map((f) => f.property)])).toEqual([[0, ['acked-durable']]]);
    const lostWrite = randomSearch(createToyModel(), unsafe, toyJudgeFor()(unsafe), { seed: '3', runs: 400, stepsMax: 20, counts: (f) => f.property === 'lost-write' });
    expect(lostWrite.violations.map((v) => [v.runIndex, v.run.findings.map((f) => f.property)])).toEqual([[7, ['acked-durable', 'lost-write']]]);
    expect(lostWrite.runs).toBe(8);
  });

  test('without the bug every run passes', () => {
    const result = randomSearch(createToyModel({ bug: false }), config, judge, { seed: '1', runs: 50, stepsMax: 20 });
    expect(result).toMatchObject({ status: 'passed', runs: 50, violations: [], internalError: null });
    expect(result.events).toBeGreaterThan(50 * 6);
  });

  test('keeps searching until stopWhen is satisfied, recording each new property once', () => {
    const both = toyJudgeFor({ crashedTwice: true })(config);
    const result = randomSearch(createToyModel(), config, both, {
      seed: '1',
      runs: 500,
      stepsMax: 20,
      stopWhen: (found) => found.has('acked-durable') && found.has('crashed-twice'),
    });
    const properties = result.violations.flatMap((v) => v.run.findings.map((f) => f.property));
    expect(new Set(properties)).toEqual(new Set(['acked-durable', 'crashed-twice']));
    expect(result.status).toBe('violated');
  });

  test('a spent time budget ends the search as budget-exhausted', () => {
    const result = randomSearch(createToyModel({ bug: false }), config, judge, { seed: '1', runs: 50, stepsMax: 20, timeMs: 0 });
    expect(result).toMatchObject({ status: 'budget-exhausted', runs: 0 });
  });

  test('an aborted signal ends the search as interrupted', () => {
    const controller = new AbortController();
    controller.abort();
    const result = randomSearch(createToyModel({ bug: false }), config, judge, { seed: '1', runs: 50, stepsMax: 20, signal: controller.signal });
    expect(result.status).toBe('interrupted');
  });

  test('a model assertion stops the search as an internal error with the run seed', () => {
    const result = randomSearch(createToyModel({ assertOnWrite: 2 }), config, judge, { seed: '1', runs: 50, stepsMax: 20 });
    expect(result.status).toBe('interrupted');
    expect(result.violations).toEqual([]);
    expect(result.internalError).toMatchObject({ kind: 'model-assertion', runSeed: '1/run-0', message: 'planted model assertion: r1 wrote v2' });
  });
});

describe('swarm mix', () => {
  const isFault = (e: ToyEvent) => e.type === 'crash';
  const deliver: ToyEvent = { type: 'deliver', from: 'r1', to: 'r2', id: 'r1>r2#0' };
  const crash: ToyEvent = { type: 'crash', node: 'r2' };

  test('weights depend only on the run seed and the event type', () => {
    const a = new SwarmMix<ToyEvent>('7/run-3', isFault);
    const b = new SwarmMix<ToyEvent>('7/run-3', isFault);
    a.weightOf(deliver);
    expect([a.weightOf(crash), a.weightOf(deliver)]).toEqual([b.weightOf(crash), b.weightOf(deliver)]);
    expect(FAULT_WEIGHTS).toContain(a.weightOf(crash));
    expect(NON_FAULT_WEIGHTS).toContain(a.weightOf(deliver));
  });

  test('runs draw different mixes: some never inject a fault type', () => {
    const weights = Array.from({ length: 40 }, (_, i) => new SwarmMix<ToyEvent>(`7/run-${i}`, isFault).weightOf(crash));
    expect(new Set(weights)).toEqual(new Set(FAULT_WEIGHTS));
  });

  test('chooseEntry picks what choose picks from the flattened entries (500 lists, seeds 7/run-i)', () => {
    const fault = (type: 'crash' | 'partition' | 'drop'): ToyEvent => (type === 'crash' ? crash : type === 'drop' ? { type: 'drop', a: 'r1', b: 'r2' } : { type: 'partition' });
    const isToyFault = (e: ToyEvent) => e.type === 'crash' || e.type === 'partition' || e.type === 'drop';
    const shapes = createRng('entries');
    let picksInRuns = 0;
    for (let i = 0; i < 500; i++) {
      const entries: (ToyEvent | ToyEvent[])[] = [];
      for (let k = 0, n = shapes.int(6); k < n; k++) {
        const roll = shapes.int(4);
        if (roll === 0) entries.push({ ...deliver, id: `r1>r2#${k}` });
        else if (roll === 1) entries.push({ type: 'write' });
        else entries.push(Array.from({ length: shapes.int(5) }, () => fault(shapes.pick(['crash', 'partition', 'drop'] as const))).sort((a, b) => (a.type < b.type ? -1 : 1)).filter((e, _, all) => e.type === all[0].type));
      }
      const flat = entries.flatMap((e) => (Array.isArray(e) ? e : [e]));
      const byList = new SwarmMix<ToyEvent>(`7/run-${i}`, isToyFault).choose(flat, createRng(`pick-${i}`));
      const byEntry = new SwarmMix<ToyEvent>(`7/run-${i}`, isToyFault).chooseEntry(entries, createRng(`pick-${i}`));
      expect(byEntry).toBe(byList);
      if (byEntry !== null && entries.some((e) => Array.isArray(e) && e.includes(byEntry))) picksInRuns++;
    }
    expect(picksInRuns).toBeGreaterThan(50);
  });

  test('a mix whose enabled events all weigh 0 ends the fault phase', () => {
    const seed = Array.from({ length: 40 }, (_, i) => `7/run-${i}`).find((s) => new SwarmMix<ToyEvent>(s, isFault).weightOf(crash) === 0)!;
    expect(new SwarmMix<ToyEvent>(seed, isFault).choose([crash], createRng('x'))).toBeNull();
  });
});
