/**
 * Step (b) of check-assignor: the plugin as the group leader's assignor in the group scenarios.
 * Assignors that pass the contract on its generated topics but misbehave on the group model's
 * topic are caught here, in both plugin styles: a double assignment shows as a group property
 * violation whose counterexample file replays with `--assignor MODULE`; an unknown member or
 * partition named from inside the model is the plugin's finding with the leader's input, never
 * a kmc internal error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CounterexampleError, checkAssignor, replayCounterexampleFile } from '../../../index.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/assignors');
const OUT = mkdtempSync(join(tmpdir(), 'kmc-check-assignor-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('a double assignment inside the group model is a scenario violation that replays with the module', () => {
  test.each([
    { file: 'scenario-double-assign.ts', name: 'double-in-group' },
    { file: 'kafkajs-scenario-double-assign.js', name: 'KafkajsBroken-double-assigned-in-group' },
  ])('$file', async ({ file, name }) => {
    const modulePath = `${FIXTURES}/${file}`;
    const report = await checkAssignor(modulePath, { runs: 20, contractRuns: 30, outDir: OUT, callTimeoutMs: 30_000 });
    expect(report.protocols[0].contract.status).toBe('passed');
    expect(report.findings).toEqual([]);
    expect(report.exitCode).toBe(1);
    expect(report.scenarioFailures.length).toBeGreaterThan(0);
    expect(report.scenarioFailures.every((failure) => failure.properties.includes('assignment-valid'))).toBe(true);
    const failed = report.protocols[0].scenarios.find((s) => s.verdict === 'violated')!;
    const violation = failed.result.violations.find((v) => v.property === 'assignment-valid')!;
    expect(violation.cases[0].summary).toContain(`${name} assigns p0 to`);
    expect(violation.file).not.toBeNull();
    expect(violation.replay).toBe(`npx kmc replay ${violation.file} --assignor ${modulePath}`);

    const replayed = await replayCounterexampleFile(violation.file!, { assignor: modulePath });
    expect(replayed.replayed?.reproduced).toBe(true);
    expect(replayed.violations.map((v) => v.property)).toContain('assignment-valid');
    await expect(replayCounterexampleFile(violation.file!)).rejects.toThrow(CounterexampleError);
    await expect(replayCounterexampleFile(violation.file!)).rejects.toThrow(`partition.assignment.strategy names "${name}", not a built-in assignor`);
  });
});

describe('a rule broken when the group leader calls the plugin is its finding, with the input', () => {
  test.each([
    { file: 'scenario-unknown-member.ts', rule: 'unknown-member', detail: 'assignments name member "ghost-member", which is not in the group' },
    { file: 'kafkajs-scenario-unknown-partition.js', rule: 'unknown-partition', detail: 'is given topic-2, but topic has partitions 0..1' },
  ])('$file: $rule', async ({ file, rule, detail }) => {
    const modulePath = `${FIXTURES}/${file}`;
    const report = await checkAssignor(modulePath, { runs: 20, contractRuns: 30, outDir: null, callTimeoutMs: 30_000 });
    expect(report.protocols[0].contract.status).toBe('passed');
    expect(report.exitCode).toBe(1);
    expect(report.internalErrors).toEqual([]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ plugin: modulePath, rule, contract: 'valid' });
    expect(report.findings[0].detail).toContain(detail);
    expect(report.findings[0].input.topics).toEqual([{ name: 'topic', partitionCount: 2 }]);
    for (const scenario of report.protocols[0].scenarios) {
      expect(scenario.verdict).toBe('violated');
      expect(scenario.callViolation?.rule).toBe(rule);
      expect(scenario.result.internalError).toBeNull();
    }
  });
});
