/**
 * Reproductions of false alarms, run as a user would (kmc check --scenario FILE): each once
 * reported a violation "guaranteed by Kafka" that real Kafka does not have. Seeds are in the files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmc } from './kmc.ts';
import { PROPERTY_NAMES, clusterModel, loadScenarioFile, resolveConfig, type Finding } from '../../index.ts';
import { createClusterJudge } from '../../properties/judge.ts';
import { randomSearch } from '../../checker/engines/random.ts';

describe('kmc check --scenario test/fixtures/scenarios/delivery-timeout-split.json (seed 1, 300 runs)', () => {
  it('holds: whole batches expire from their creation time, so acknowledged offsets stay right (issue 8)', () => {
    const out = mkdtempSync(join(tmpdir(), 'kmc-regression-'));
    const run = kmc(['check', '--scenario', 'test/fixtures/scenarios/delivery-timeout-split.json', '--out', out]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toMatch(/^✓ delivery-timeout-split holds \(300 runs/m);
    expect(run.code).toBe(0);
  });
});

describe('test/fixtures/scenarios/batches-split.json (seed 1, 1,500 runs of 500 steps)', () => {
  it('shows no violation Kafka guarantees: whole batches replicate, duplicates match whole ranges (issue 8; the old model failed at run 1199)', () => {
    const scenario = loadScenarioFile('test/fixtures/scenarios/batches-split.json', PROPERTY_NAMES);
    const config = resolveConfig(scenario.config);
    const guaranteedOnly = (finding: Finding): boolean => finding.guaranteed;
    const result = randomSearch(clusterModel, config, createClusterJudge(config), {
      seed: scenario.seed,
      runs: scenario.budget.runs,
      stepsMax: scenario.budget.stepsMax,
      counts: guaranteedOnly,
    });
    expect(result.internalError).toBeNull();
    expect(result.violations.map((v) => `${v.runSeed}: ${v.run.findings.filter(guaranteedOnly).map((f) => f.property).join(', ')}`)).toEqual([]);
    expect(result.runs).toBe(1500);
  });
});
