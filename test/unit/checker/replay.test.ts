import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceToJsonLines } from '../../../model/kernel/trace.ts';
import { configToRecord } from '../../../model/config.ts';
import { ReplayError, replayFile, replayScenario, whyNotEnabled } from '../../../checker/replay.ts';
import { CounterexampleError, writeCounterexample, type Counterexample } from '../../../reports/counterexample.ts';
import { randomSearch } from '../../../checker/engines/random.ts';
import { pbtSearch } from '../../../checker/engines/pbt.ts';
import { DID_NOT_SETTLE } from '../../../checker/liveness.ts';
import { runModel } from '../../../checker/run.ts';
import { listChooser } from '../../../checker/shrink.ts';
import { createToyModel, toyJudgeFor, type ToyEvent } from './toyModel.ts';
import { tempDir, toyConfig, toyDeps, toyScenario } from './fixtures.ts';

const config = toyConfig();
const deps = toyDeps();

const SHORTEST: ToyEvent[] = [
  { type: 'write' },
  { type: 'deliver', from: 'r1', to: 'r2', id: 'r1>r2#0' },
  { type: 'deliver', from: 'r2', to: 'r1', id: 'r2>r1#0' },
  { type: 'crash', node: 'r2' },
];

function counterexample(events: readonly { type: string }[], overrides: Partial<Counterexample> = {}): Counterexample {
  return {
    format: 'kmc-counterexample/1',
    model: { name: 'toy-register', version: '1' },
    scenario: 'toy-ack-before-flush',
    config: configToRecord(config),
    seed: 'replay',
    engine: 'random',
    events: [...events],
    violation: { property: 'acked-durable', step: Math.min(4, events.length), explanation: 'r1 holds an ack for v1, yet r2 has only v0.' },
    ...overrides,
  };
}

function replayError(events: readonly { type: string }[]): { message: string; step: number | null } {
  const file = writeCounterexample(tempDir(), counterexample(events));
  try {
    replayFile(file, deps);
  } catch (error) {
    expect(error).toBeInstanceOf(ReplayError);
    return { message: (error as Error).message.replace(file, 'FILE'), step: (error as ReplayError).step };
  }
  throw new Error('no error');
}

describe('replay of a counterexample file', () => {
  test('write → read → replay reproduces the violation at its step', () => {
    const file = writeCounterexample(tempDir(), counterexample(SHORTEST));
    const result = replayFile(file, deps);
    expect(result).toMatchObject({ reproduced: true, findingSteps: { 'acked-durable': 4 }, expected: { property: 'acked-durable', step: 4 }, internalError: null, source: file });
    expect(result.trace.map((s) => s.description)).toContain('r2 crashes (power loss): value v1 back to flushed v0');
  });

  test('heal and final-read events, which engines apply outside the fault phase, replay too', () => {
    const judge = toyJudgeFor({ invariant: false })(toyConfig({ 'model.records': 1 }));
    const cfg = toyConfig({ 'model.records': 1 });
    const run = runModel({ model: createToyModel(), config: cfg, seed: 'h', judge, stepsMax: 10, describe: true }, listChooser([...SHORTEST.slice(0, 3), { type: 'partition' }, SHORTEST[3]]));
    expect(run.findings.map((f) => f.property)).toEqual(['lost-write']);
    const events = run.events;
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['heal', 'final-read']));
    const file = writeCounterexample(
      tempDir(),
      counterexample(events, { seed: 'h', config: configToRecord(cfg), violation: { property: 'lost-write', step: run.findingSteps['lost-write'], explanation: '' } }),
    );
    const result = replayFile(file, toyDeps({}, { invariant: false }));
    expect(result.reproduced).toBe(true);
    expect(traceToJsonLines(result.trace)).toBe(traceToJsonLines(run.trace));
  });

  test('an event that is no longer enabled names the step, the event and what is enabled instead', () => {
    const moved = [...SHORTEST.slice(0, 2), { type: 'deliver', from: 'r2', to: 'r1', id: 'r2>r1#3' }];
    expect(replayError(moved)).toEqual({
      step: 3,
      message:
        'step 3 of FILE: event {"type":"deliver","from":"r2","to":"r1","id":"r2>r1#3"} is not enabled: no enabled "deliver" event has id="r2>r1#3"; enabled "deliver" events with from="r2", to="r1": {"id":"r2>r1#0"}',
    });
  });

  test('an event of a type with nothing enabled lists what is', () => {
    expect(replayError([{ type: 'heal' }]).message).toBe('step 1 of FILE: event {"type":"heal"} is not enabled: no "heal" event is enabled; enabled: write ×1, crash ×1, partition ×1, final-read ×1');
  });

  test('whyNotEnabled lists same-type events when no field matches, bounded', () => {
    const candidates = Array.from({ length: 7 }, (_, i) => ({ type: 'deliver', id: `x#${i}` }));
    expect(whyNotEnabled({ type: 'deliver', id: 'y' } as { type: string }, candidates)).toBe(
      'enabled "deliver" events: {"type":"deliver","id":"x#0"}, {"type":"deliver","id":"x#1"}, {"type":"deliver","id":"x#2"}, {"type":"deliver","id":"x#3"}, {"type":"deliver","id":"x#4"} and 2 more',
    );
    expect(whyNotEnabled({ type: 'write' }, [])).toBe('nothing is enabled at this point');
  });

  test('a file that no longer reproduces says so', () => {
    const file = writeCounterexample(tempDir(), counterexample(SHORTEST));
    const result = replayFile(file, toyDeps({ bug: false }));
    expect(result).toMatchObject({ reproduced: false, findings: [] });
  });

  test('a file from another model version is a CounterexampleError', () => {
    const file = writeCounterexample(tempDir(), counterexample(SHORTEST));
    expect(() => replayFile(file, toyDeps({ version: '2' }))).toThrow(CounterexampleError);
  });

  test('a file whose config breaks a rule is a CounterexampleError naming the key', () => {
    const file = writeCounterexample(tempDir(), counterexample(SHORTEST, { config: { 'model.recrods': 2 } }));
    expect(() => replayFile(file, deps)).toThrow(`${file}: config: unknown config key "model.recrods"; did you mean "model.records"?`);
  });

  test('a liveness finding replays from its events', () => {
    const stuck = toyDeps({ neverSettles: true, bug: false });
    const cfg = toyConfig({ 'model.records': 1 });
    const run = runModel({ model: stuck.model, config: cfg, seed: 'l', judge: stuck.judgeFor(cfg), stepsMax: 5 }, listChooser<unknown, ToyEvent>([{ type: 'write' }]));
    expect(run.findings[0].property).toBe(DID_NOT_SETTLE);
    const step = run.findingSteps[DID_NOT_SETTLE];
    const c = counterexample(run.events, { seed: 'l', config: configToRecord(cfg), violation: { property: DID_NOT_SETTLE, step, explanation: '' } });
    const result = replayFile(writeCounterexample(tempDir(), c), stuck);
    expect(result).toMatchObject({ reproduced: true, findingSteps: { [DID_NOT_SETTLE]: step } });
  });

  test('a hand-edited file with reordered keys still replays', () => {
    const file = writeCounterexample(tempDir(), counterexample(SHORTEST));
    const text = readFileSync(file, 'utf8').replace('{"type":"deliver","from":"r1","to":"r2","id":"r1>r2#0"}', '{"id":"r1>r2#0","to":"r2","from":"r1","type":"deliver"}');
    const edited = join(tempDir(), 'edited.json');
    writeFileSync(edited, text);
    expect(replayFile(edited, deps).reproduced).toBe(true);
  });
});

describe('replay of a scenario run by seed', () => {
  const scenario = toyScenario();

  test('random: --seed RUNSEED re-runs that run exactly (seed 1)', () => {
    const judge = deps.judgeFor(config);
    const search = randomSearch(deps.model, config, judge, { seed: '1', runs: 200, stepsMax: scenario.budget.stepsMax });
    const [violation] = search.violations;
    const replayed = replayScenario(scenario, { seed: violation.runSeed }, deps);
    expect(replayed.engine).toBe('random');
    expect(replayed.trace.map((s) => s.event)).toEqual(violation.run.events);
    expect(replayed.trace.every((s) => s.description.length > 0)).toBe(true);
    expect(replayed.reproduced).toBe(true);
  });

  test('pbt: --seed N --path P regenerates the shrunk run (seed 1)', () => {
    const search = pbtSearch(deps.model, config, deps.judgeFor(config), { seed: '1', runs: 300, stepsMax: scenario.budget.stepsMax });
    const [violation] = search.violations;
    const replayed = replayScenario(scenario, { seed: String(violation.fcSeed), path: violation.path }, deps);
    expect(replayed.engine).toBe('pbt');
    expect(traceToJsonLines(replayed.trace)).toBe(traceToJsonLines(violation.run.trace));
  });

  test('pbt: a seed that is not a whole number, or a malformed path, is a ReplayError', () => {
    expect(() => replayScenario(scenario, { seed: '1/run-2', path: '3:1' }, deps)).toThrow('with --path, --seed is fast-check\'s seed, a whole number (got "1/run-2")');
    expect(() => replayScenario(scenario, { seed: '12', path: '3;1' }, deps)).toThrow(ReplayError);
  });
});
