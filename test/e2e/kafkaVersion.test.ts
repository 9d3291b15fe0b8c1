/**
 * model.kafka.version end to end: a built-in scenario that pins a release (truncation-kip-279,
 * Kafka 2.0) names it in the text report, the --json document, the counterexample file and its
 * replay; and --set model.kafka.version moves a scenario's defaults.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport, JsonViolation } from '../../reports/json.ts';
import { kmc, type KmcRun } from './kmc.ts';

const SCENARIO = 'truncation-kip-279';
const RUN_TIMEOUT_MS = 300_000;
const VERSION_BECAUSE =
  'model.truncation=kip-279 (the default before Kafka 2.8, KAFKA-10554; model.kafka.version=2.0), ' +
  'model.fencing=false (the default before Kafka 2.1, KIP-320; model.kafka.version=2.0)';

describe(`kmc check --scenario ${SCENARIO} (its own seed, Kafka 2.0)`, () => {
  const out = mkdtempSync(join(tmpdir(), 'kmc-e2e-version-'));
  let text: KmcRun;
  let violation: JsonViolation;
  let report: JsonReport;
  beforeAll(() => {
    text = kmc(['check', '--scenario', SCENARIO, '--out', out], { timeoutMs: RUN_TIMEOUT_MS });
    const json = kmc(['check', '--scenario', SCENARIO, '--out', out, '--json'], { timeoutMs: RUN_TIMEOUT_MS });
    report = JSON.parse(json.stdout) as JsonReport;
    const found = report.scenarios[0].violations.find((v) => v.property === 'strong-isr');
    if (!found) throw new Error(`no strong-isr violation: ${json.stderr}`);
    violation = found;
  }, RUN_TIMEOUT_MS);

  it('the text report says the rule came from the release', () => {
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`  not guaranteed: possible because ${VERSION_BECAUSE}\n`);
  });

  it('the --json document carries the version in the config and the because', () => {
    expect(report.scenarios[0].config).toMatchObject({ 'model.kafka.version': '2.0', 'model.truncation': 'kip-279', 'model.fencing': false });
    expect(violation.because).toBe(VERSION_BECAUSE);
  });

  it('the counterexample file records the version and the keys the scenario set, and its replay judges as the check did', () => {
    const file = JSON.parse(readFileSync(violation.file!, 'utf8')) as { config: Record<string, unknown>; userConfigKeys: string[] };
    expect(file.config['model.kafka.version']).toBe('2.0');
    expect(file.userConfigKeys).toContain('model.kafka.version');
    expect(file.userConfigKeys).not.toContain('model.truncation');
    const replay = kmc(['replay', violation.file!]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(`  not guaranteed: possible because ${VERSION_BECAUSE}\n`);
  });
});

describe('--set model.kafka.version moves a scenario\'s version defaults', () => {
  it('acks-1-leader-crash under --set model.kafka.version=2.8: its explicit acks=1 stays, the release turns idempotence off and says so (exit 1: a --set run expects hold)', () => {
    const run = kmc(['check', '--scenario', 'acks-1-leader-crash', '--set', 'model.kafka.version=2.8', '--runs', '300', '--json', '--out', mkdtempSync(join(tmpdir(), 'kmc-e2e-version-'))], {
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expect(run.code).toBe(1);
    const [scenario] = (JSON.parse(run.stdout) as JsonReport).scenarios;
    expect(scenario.config).toMatchObject({ 'model.kafka.version': '2.8', acks: 1, 'linger.ms': 0, 'enable.idempotence': false, 'model.truncation': 'diverging-epoch' });
    const duplicate = scenario.violations.find((v) => v.property === 'duplicate');
    expect(duplicate?.because).toMatch(/^enable\.idempotence=false \(the default before Kafka 3\.2, KIP-679 as fixed by KAFKA-13598; model\.kafka\.version=2\.8\) \(retries may append twice\)/);
  });
});
