import { describe, expect, test } from 'vitest';
import { findingStepOf, runModel, type RunRecording } from '../../../checker/run.ts';
import { listChooser } from '../../../checker/shrink.ts';
import { DID_NOT_SETTLE } from '../../../checker/liveness.ts';
import { createToyModel, toyJudgeFor, type ToyEvent, type ToyOptions, type ToyJudgeOptions, type ToyState } from './toyModel.ts';
import { toyConfig } from './fixtures.ts';

const W: ToyEvent = { type: 'write' };
const REPLICATE_1: ToyEvent = { type: 'deliver', from: 'r1', to: 'r2', id: 'r1>r2#0' };
const ACK_1: ToyEvent = { type: 'deliver', from: 'r2', to: 'r1', id: 'r2>r1#0' };
const CRASH: ToyEvent = { type: 'crash', node: 'r2' };
const REPLICATE_2: ToyEvent = { type: 'deliver', from: 'r1', to: 'r2', id: 'r1>r2#1' };
const ACK_2: ToyEvent = { type: 'deliver', from: 'r2', to: 'r1', id: 'r2>r1#1' };

function run(list: ToyEvent[], model: ToyOptions = {}, judge: ToyJudgeOptions = {}, limits = {}, recording: RunRecording = { describe: true }, acks = 'all') {
  const config = toyConfig({ 'model.records': 1, acks });
  return runModel({ model: createToyModel(model), config, seed: 's', judge: toyJudgeFor(judge)(config), stepsMax: 50, limits, ...recording }, listChooser(list));
}

describe('runModel: fault phase, heal, settle, final read', () => {
  test('a run without faults settles, reads, and passes; the trace is 1-based and described before each step', () => {
    const result = run([W], { bug: false });
    expect(result.findings).toEqual([]);
    expect(result.phase).toBe('end');
    expect(result.internalError).toBeNull();
    expect(result.faultEvents).toEqual([W]);
    expect(result.trace.map((s) => s.index)).toEqual(result.trace.map((_, i) => i + 1));
    expect(result.trace[0].description).toBe('r1 writes v1 and replicates it to r2');
    expect(result.trace.map((s) => s.event.type)).toEqual(['write', 'deliver', 'deliver', 'final-read', 'deliver', 'deliver']);
  });

  test('the heal events come right after the fault phase, then the first non-fault events', () => {
    const result = run([W, { type: 'partition' }], { bug: false });
    expect(result.findings).toEqual([]);
    expect(result.trace.map((s) => s.event.type).slice(0, 4)).toEqual(['write', 'partition', 'heal', 'deliver']);
  });

  test('the run stops at the first finding of a guaranteed property, with its step', () => {
    const result = run([W, REPLICATE_1, ACK_1, CRASH, W]);
    expect(result.findings.map((f) => f.property)).toEqual(['acked-durable']);
    expect(result.findings[0].guaranteed).toBe(true);
    expect(result.findingSteps).toEqual({ 'acked-durable': 4 });
    expect(result.trace).toHaveLength(4);
    expect(result.events).toHaveLength(4);
    expect(result.phase).toBe('fault');
  });

  test('a history property is judged at the end, after the final read', () => {
    const result = run([W, REPLICATE_1, ACK_1, CRASH], {}, { invariant: false });
    expect(result.findings.map((f) => f.property)).toEqual(['lost-write']);
    expect(result.phase).toBe('end');
    expect(findingStepOf(result, 'lost-write')).toBe(result.trace.length);
    expect(result.trace.at(-1)?.event.type).toBe('deliver');
  });

  test('acks=1: the run goes on past a finding Kafka does not guarantee against, and the final read shows the lost write', () => {
    const result = run([W, REPLICATE_1, ACK_1, CRASH], {}, {}, {}, { describe: true }, '1');
    expect(result.findings.map((f) => [f.property, f.guaranteed, f.because])).toEqual([
      ['acked-durable', false, 'acks=1'],
      ['lost-write', false, 'acks=1'],
    ]);
    expect(result.findingSteps).toEqual({ 'acked-durable': 4, 'lost-write': result.trace.length });
    expect(result.trace.length).toBeGreaterThan(4);
    expect(result.phase).toBe('end');
    expect(result.internalError).toBeNull();
  });

  test('a guaranteed finding after a non-guaranteed one still ends the run at once', () => {
    const config = toyConfig({ 'model.records': 1, acks: '1' });
    const judge = toyJudgeFor({ crashedTwice: true })(config);
    const result = runModel({ model: createToyModel(), config, seed: 's', judge, stepsMax: 50 }, listChooser<ToyState, ToyEvent>([W, REPLICATE_1, ACK_1, CRASH, CRASH]));
    expect(result.findings.map((f) => [f.property, f.guaranteed])).toEqual([
      ['acked-durable', false],
      ['crashed-twice', true],
    ]);
    expect(result.findingSteps).toEqual({ 'acked-durable': 4, 'crashed-twice': 5 });
    expect(result.events).toHaveLength(5);
    expect(result.phase).toBe('fault');
  });

  test('a property allowed at one step and guaranteed at a later one is recorded as guaranteed, at the later step, and ends the run', () => {
    const config = toyConfig({ 'model.records': 2 });
    const judge = toyJudgeFor({ allowedBelowCrashes: 2 })(config);
    const list: ToyEvent[] = [W, REPLICATE_1, ACK_1, CRASH, W, REPLICATE_2, ACK_2, CRASH, W];
    const result = runModel({ model: createToyModel(), config, seed: 's', judge, stepsMax: 50 }, listChooser<ToyState, ToyEvent>(list));
    expect(result.findings.map((f) => [f.property, f.guaranteed, f.because])).toEqual([['acked-durable', true, null]]);
    expect(result.findingSteps).toEqual({ 'acked-durable': 8 });
    expect(result.events).toHaveLength(8);
    expect(result.phase).toBe('fault');
  });

  test('stopAtProperty ends the run at that property, even when it is not guaranteed', () => {
    const result = run([W, REPLICATE_1, ACK_1, CRASH], {}, {}, {}, { stopAtProperty: 'acked-durable' }, '1');
    expect(result.findings.map((f) => f.property)).toEqual(['acked-durable']);
    expect(result.events).toEqual([W, REPLICATE_1, ACK_1, CRASH]);
  });

  test('searching runs are describe-free: events only, the same events as a described run', () => {
    const quiet = run([W, REPLICATE_1, ACK_1, CRASH], {}, {}, {}, {}, '1');
    const described = run([W, REPLICATE_1, ACK_1, CRASH], {}, {}, {}, { describe: true }, '1');
    expect(quiet.trace).toEqual([]);
    expect(quiet.events).toEqual(described.trace.map((s) => s.event));
    expect(quiet.findingSteps).toEqual(described.findingSteps);
    expect(quiet.faultEvents).toEqual([W, REPLICATE_1, ACK_1, CRASH]);
  });

  test('a model with settleWithinMs is bounded in virtual time: settling that takes many steps within it is no finding', () => {
    // 50 heartbeats (one a second) before the toy settles: past a 30-step bound, within 60 s.
    const slow = run([W], { bug: false, heartbeat: true, settlesAtMs: 50_000, settleWithinMs: 60_000 }, {}, { settleStepsMax: 1000 });
    expect(slow.findings).toEqual([]);
    expect(slow.phase).toBe('end');
    const never = run([W], { bug: false, heartbeat: true, neverSettles: true, settleWithinMs: 60_000 }, {}, { settleStepsMax: 1000 });
    expect(never.findings.map((f) => f.property)).toEqual([DID_NOT_SETTLE]);
    expect(never.findings[0].cases[0].summary).toBe('not settled 61000ms after the heal (bound 60000ms of virtual time)');
    expect(never.findings[0].explanation).toContain('over 61000ms of virtual time (bound 60000ms: the timeouts of this config, with room to spare)');
  });

  test('with settleWithinMs the step bound still ends a phase that is within its virtual time', () => {
    const result = run([W], { bug: false, heartbeat: true, neverSettles: true, settleWithinMs: 1_000_000 }, {}, { settleStepsMax: 30 });
    expect(result.findings[0].cases[0].summary).toBe('not settled after 30 events of the settle phase (bound 30)');
  });

  test('where Kafka does not promise to settle, the phase ends after unpromisedStepsMax events, however long its virtual time bound', () => {
    const unpromised = run([W], { bug: false, heartbeat: true, neverSettles: true, settleWithinMs: 1_000_000_000 }, { livenessNotPromised: true }, { unpromisedStepsMax: 25 });
    expect(unpromised.findings.map((f) => [f.property, f.guaranteed, f.because])).toEqual([[DID_NOT_SETTLE, false, 'toy without a promise']]);
    expect(unpromised.findings[0].cases[0].summary).toBe('not settled after 25 events of the settle phase (bound 25)');
    const promised = run([W], { bug: false, heartbeat: true, neverSettles: true, settleWithinMs: 100_000 }, {}, { unpromisedStepsMax: 25 });
    expect(promised.findings[0].cases[0].summary).toBe('not settled 101000ms after the heal (bound 100000ms of virtual time)');
  });

  test('too many events at one virtual instant end the phase: a loop that stops the clock, which no timeout ends', () => {
    // After the write, r2 gets the replicate and r1 the ack at 0 ms: two events at one instant.
    const result = run([W], { bug: false, heartbeat: true, neverSettles: true, settleWithinMs: 1_000_000 }, {}, { instantStepsMax: 2 });
    expect(result.findings.map((f) => f.property)).toEqual([DID_NOT_SETTLE]);
    expect(result.findings[0].cases[0].summary).toBe('not settled: 2 events at 0ms without the clock moving (bound 2)');
    expect(result.findings[0].explanation).toContain('the last 2 of them at virtual time 0ms without the clock moving (bound 2): a loop that no timeout ends');
  });

  test('a model that never settles within settleStepsMax is a did-not-settle finding (livelock)', () => {
    const result = run([W], { bug: false, heartbeat: true, neverSettles: true }, {}, { settleStepsMax: 30 });
    expect(result.findings.map((f) => f.property)).toEqual([DID_NOT_SETTLE]);
    expect(result.phase).toBe('settle');
    expect(result.findings[0].cases[0].summary).toBe('not settled after 30 events of the settle phase (bound 30)');
    expect(result.findings[0].explanation).toContain('timer heartbeat fires');
  });

  test('a model with nothing left to do that is not settled is a did-not-settle finding (stuck)', () => {
    const result = run([W], { bug: false, neverSettles: true });
    expect(result.findings[0].property).toBe(DID_NOT_SETTLE);
    expect(result.findings[0].cases[0].summary).toBe('not settled and no non-fault event enabled, 2 events after the heal');
  });

  test('a model assertion is an internal error, not a finding', () => {
    const result = run([W], { assertOnWrite: 1 });
    expect(result.findings).toEqual([]);
    expect(result.internalError).toMatchObject({ kind: 'model-assertion', step: 1, seed: 's', message: 'planted model assertion: r1 wrote v1' });
  });

  test('an exception in a property is an internal error at the step it judged', () => {
    const result = run([W, REPLICATE_1, ACK_1, CRASH], {}, { throwOnCrash: true });
    expect(result.findings).toEqual([]);
    expect(result.internalError).toMatchObject({ kind: 'exception', step: 4, message: 'TypeError: toy judge cannot read r2' });
  });
});
