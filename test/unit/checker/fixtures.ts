/** Shared setup for the checker tests: the toy model's config, deps, a scenario, temp dirs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type KmcConfig } from '../../../model/config.ts';
import type { CheckDeps, Scenario } from '../../../checker/api.ts';
import { createToyModel, toyJudgeFor, type ToyJudgeOptions, type ToyOptions } from './toyModel.ts';

/** Two writes, crash/partition/drop allowed, at most two faults. */
export const TOY_CONFIG_OVERRIDES = { 'model.records': 2, 'model.faults': 'kill,link,drop', 'model.faults.max': 2 };

export function toyConfig(overrides: Record<string, unknown> = {}): KmcConfig {
  return resolveConfig(TOY_CONFIG_OVERRIDES, overrides);
}

export function toyDeps(model: ToyOptions = {}, judge: ToyJudgeOptions = {}): CheckDeps {
  return { model: createToyModel(model), judgeFor: toyJudgeFor(judge) };
}

export function toyScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'toy-ack-before-flush',
    title: 'r2 acks before it flushes',
    doc: 'The toy model with its planted bug.',
    config: TOY_CONFIG_OVERRIDES,
    expect: ['acked-durable'],
    budget: { engine: 'random', runs: 200, stepsMax: 20, depthMax: 8, statesMax: 5000 },
    seed: '1',
    ...overrides,
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kmc-checker-'));
}
