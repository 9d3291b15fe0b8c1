/**
 * `kmc check --engine guided` as a user meets it: the verdict with its coverage line, the JSON
 * report with its coverage field, and a counterexample file that `kmc replay` reproduces.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmc } from './kmc.ts';

const out = mkdtempSync(join(tmpdir(), 'kmc-e2e-guided-'));

describe('kmc check --engine guided (e2e)', () => {
  it('text: the verdict, then the coverage line; the counterexample replays', () => {
    const run = kmc(['check', '--scenario', 'acks-1-leader-crash', '--engine', 'guided', '--seed', 'g1', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ acks-1-leader-crash violates lost-write as expected/m);
    expect(run.stdout).toMatch(/^ {2}coverage: [\d,]+ abstract features, [\d,]+ new in the last 10% of runs/m);
    const file = /npx kmc replay (\S+-lost-write-\S+\.json)/.exec(run.stdout)![1];
    expect(JSON.parse(readFileSync(file, 'utf8')).engine).toBe('guided');
    const replay = kmc(['replay', file]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('lost-write');
  }, 120_000);

  it('--json: engine guided and a coverage object; a holding scenario says how much it explored', () => {
    const run = kmc(['check', '--scenario', 'acks-all-min-isr-2', '--engine', 'guided', '--seed', 'g2', '--runs', '60', '--json', '--out', out]);
    expect(run.code).toBe(0);
    const [scenario] = JSON.parse(run.stdout).scenarios;
    expect(scenario).toMatchObject({ name: 'acks-all-min-isr-2', engine: 'guided', verdict: 'as-expected', runs: 60 });
    expect(scenario.coverage.features).toBeGreaterThan(20);
    expect(scenario.coverage.newInLastTenth).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('the random engine prints no coverage line (its walks keep no coverage map)', () => {
    const run = kmc(['check', '--scenario', 'acks-all-min-isr-2', '--runs', '5', '--json', '--out', out]);
    expect(JSON.parse(run.stdout).scenarios[0].coverage).toBeNull();
  }, 120_000);
});
