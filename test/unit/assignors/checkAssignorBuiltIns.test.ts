/**
 * `checkAssignor` accepts kmc's built-in assignors loaded as plugins, in both styles (issue 4
 * "Tests"): kmc style (the Assignor object itself) under every protocol it declares, KafkaJS
 * style (a PartitionAssigner around it, eager: KafkaJS's protocol carries no owned partitions)
 * — contract holds, every group scenario of the protocol ends as with the built-ins, exit 0, and
 * the plugin leads the side-by-side table.
 *
 * KafkaJS's own RoundRobinAssigner ignores subscriptions (KJS:src/consumer/assigners/
 * roundRobinAssigner/index.js; model/assignors/kafkajsRoundRobin.ts): with differing
 * subscriptions it hands members topics they do not subscribe to, which check-assignor reports.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkAssignor, GROUP_SCENARIOS } from '../../../index.ts';
import { scenariosOfProtocol } from '../../../checker/assignorCheck/scenarios.ts';

const BUILTINS = resolve(import.meta.dirname, '../../fixtures/assignors/builtins');
// A call bound no loaded test machine reaches: these plugins never hang.
const OPTIONS = { contractRuns: 40, runs: 40, outDir: null, callTimeoutMs: 30_000 } as const;

const kmcStyle = [
  { file: 'kmc-range.ts', name: 'range', protocols: ['eager'] },
  { file: 'kmc-roundrobin.ts', name: 'roundrobin', protocols: ['eager'] },
  { file: 'kmc-sticky.ts', name: 'sticky', protocols: ['eager'] },
  { file: 'kmc-cooperative-sticky.ts', name: 'cooperative-sticky', protocols: ['eager', 'cooperative'] },
];
const kafkajsStyle = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'].map((name) => ({ file: `kafkajs-${name}.ts`, name: `kafkajs-${name}` }));

describe('check-assignor accepts the built-ins as kmc-style plugins', () => {
  test.each(kmcStyle)('$file', async ({ file, name, protocols }) => {
    const report = await checkAssignor(`${BUILTINS}/${file}`, OPTIONS);
    expect(report.findings.map((f) => `${f.rule}: ${f.detail}`)).toEqual([]);
    expect(report.scenarioFailures).toEqual([]);
    expect(report.internalErrors).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report).toMatchObject({ ok: true, plugin: name, style: 'kmc', unusable: null });
    expect(report.protocols.map((check) => check.protocol)).toEqual(protocols);
    for (const check of report.protocols) {
      expect(check.scenarios.map((s) => s.scenario)).toEqual(scenariosOfProtocol(GROUP_SCENARIOS, check.protocol).map((s) => s.name));
      expect(check.scenarios.every((s) => s.verdict === 'passed')).toBe(true);
      expect(check.comparison[0]).toMatchObject({ plugin: `${BUILTINS}/${file}`, name, violation: null });
    }
  });
});

describe('check-assignor accepts the built-ins as KafkaJS PartitionAssigners', () => {
  test.each(kafkajsStyle)('$file', async ({ file, name }) => {
    const report = await checkAssignor(`${BUILTINS}/${file}`, OPTIONS);
    expect(report.findings.map((f) => `${f.rule}: ${f.detail}`)).toEqual([]);
    expect(report.scenarioFailures).toEqual([]);
    expect(report.internalErrors).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report).toMatchObject({ plugin: name, style: 'kafkajs', supportedProtocols: ['eager'] });
    expect(report.protocols.map((check) => check.protocol)).toEqual(['eager']);
  });
});

test("KafkaJS's RoundRobinAssigner as a plugin: unsubscribed-topic with differing subscriptions (exit 1)", async () => {
  const report = await checkAssignor(`${BUILTINS}/kmc-kafkajs-roundrobin.ts`, OPTIONS);
  expect(report.exitCode).toBe(1);
  expect(report.findings.map((finding) => finding.rule)).toEqual(['unsubscribed-topic']);
  // Every member of the group model subscribes to its one topic: the scenarios hold.
  expect(report.scenarioFailures).toEqual([]);
});
