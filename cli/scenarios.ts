/**
 * `kmc scenarios`: the built-in scenarios, with what each expects.
 */
import type { Scenario } from '../scenarios/scenario.ts';
import { KAFKA_VERSION_NEWEST } from '../model/kafkaVersion.ts';
import { type Command, rejectPositionals } from './command.ts';
import { JSON_FLAG } from './commonFlags.ts';

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'List the built-in scenarios and what each expects.',
  usage: ['scenarios [--json]'],
  details: `Run one with: kmc check --scenario NAME. KAFKA is the release whose rules it follows (model.kafka.version); --set model.kafka.version=X.Y runs it under another.`,
  flags: [JSON_FLAG],
  async run(args, io, deps) {
    rejectPositionals('scenarios', args, 'it takes no arguments');
    const scenarios = await deps.loadScenarios();
    io.out(args.has('json') ? formatScenariosJson(scenarios) : formatScenariosText(scenarios));
    return 0;
  },
};

export function formatScenariosText(scenarios: readonly Scenario[]): string {
  const rows = scenarios.map((s) => [s.name, expectText(s), s.budget.engine, String(s.config['model.kafka.version'] ?? KAFKA_VERSION_NEWEST), s.title]);
  const header = ['NAME', 'EXPECT', 'ENGINE', 'KAFKA', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const count =
    `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}; run one with: kmc check --scenario NAME\n` +
    `KAFKA: the release whose rules a scenario follows (model.kafka.version, default ${KAFKA_VERSION_NEWEST}); --set model.kafka.version=X.Y runs it under another`;
  return [line(header), ...rows.map(line), '', count].join('\n') + '\n';
}

export function formatScenariosJson(scenarios: readonly Scenario[]): string {
  // `model` is always given, so an entry saved as a scenario file (kmc-scenario/1) runs the same model.
  const list = scenarios.map((s) => ({ name: s.name, title: s.title, doc: s.doc, model: s.model ?? 'cluster', expect: s.expect, config: s.config, budget: s.budget, seed: s.seed }));
  return JSON.stringify({ scenarios: list }, null, 2) + '\n';
}

function expectText(scenario: Scenario): string {
  return scenario.expect === 'hold' ? 'hold' : `violate ${scenario.expect.join(', ')}`;
}
