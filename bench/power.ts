/**
 * `npm run bench:power`: how much search each engine needs to find what kmc must find — the
 * figure behind a "holds" (issue 9). For every built-in scenario that expects a violation, and for
 * the safe replication scenarios weakened to each legacy truncation rule and to fencing off, it
 * runs the scenario's own budget from several seeds (p1, p2, ...; the scenario's pinned seed is not
 * among them) and prints, per engine: in how many seeds the violation was found, the median and
 * the largest number of model events spent to find it (a seed that missed counts its whole
 * budget), and the median CPU seconds per seed (search and minimisation, process.cpuUsage).
 *
 * A scenario expecting several properties is asked for its first one (the headline); a weakened
 * scenario expects "hold", so its first violation of any property counts. Measurements only:
 * nothing here fails on a slow machine.
 *
 *   npm run bench:power                               # 10 seeds, engines random, guided and pbt
 *   npm run bench:power -- --seeds 3 --engine random,guided  # quicker
 *   npm run bench:power -- --scenario truncation-kip-279
 */
import { BUILTIN_SCENARIOS, depsFor } from '../index.ts';
import { checkScenario } from '../checker/index.ts';
import type { EngineName } from '../checker/api.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { formatCount } from '../reports/numbers.ts';

const SEEDS_DEFAULT = 10;
const ENGINES_DEFAULT: EngineName[] = ['random', 'guided', 'pbt'];
/** The engines that search by runs, so that events to the first violation compare. */
const POWER_ENGINES: readonly EngineName[] = ['random', 'guided', 'pbt'];
/** The safe replication scenarios, weakened one rule at a time. */
const WEAKENED_BASES = ['diverging-epoch-holds', 'acks-all-min-isr-2'];
const WEAKENINGS: Record<string, string>[] = [
  { 'model.truncation': 'high-watermark' },
  { 'model.truncation': 'kip-101' },
  // KIP-279 as Kafka 2.0 shipped it, before KIP-320's fencing (2.1). With fencing on, KIP-279 is
  // Kafka 2.1-2.7's rule, which Kip320.tla checks safe (reference/replication.md §2): no violation
  // there is the right answer, so it is not a weakening.
  { 'model.truncation': 'kip-279', 'model.fencing': 'false' },
  { 'model.fencing': 'false' },
];

interface PowerCase {
  label: string;
  scenario: Scenario;
  set: Record<string, string>;
  /** What counts as found: the property, or 'any' for a weakened scenario expecting hold. */
  wanted: string;
}

interface PowerArgs {
  seeds: number;
  engines: EngineName[];
  only: string[];
}

function fail(message: string): never {
  process.stderr.write(`bench:power: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): PowerArgs {
  const args: PowerArgs = { seeds: SEEDS_DEFAULT, engines: ENGINES_DEFAULT, only: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`${flag} needs a value`);
    if (flag === '--seeds') {
      args.seeds = Number(value);
      if (!Number.isInteger(args.seeds) || args.seeds < 1) fail(`--seeds ${value}: a whole number of seeds`);
    } else if (flag === '--engine') {
      const engines = value.split(',');
      for (const e of engines) if (!POWER_ENGINES.includes(e as EngineName)) fail(`--engine ${e}: one of ${POWER_ENGINES.join(', ')}`);
      args.engines = engines as EngineName[];
    } else if (flag === '--scenario') {
      args.only.push(value);
    } else {
      fail(`unknown flag ${flag}; flags: --seeds N, --engine random,guided,pbt, --scenario NAME (repeatable)`);
    }
  }
  return args;
}

function cases(only: readonly string[]): PowerCase[] {
  const all: PowerCase[] = [];
  for (const scenario of BUILTIN_SCENARIOS) {
    if (scenario.expect === 'hold') continue;
    const headline = scenario.expect[0];
    all.push({ label: scenario.name, scenario: { ...scenario, expect: [headline] }, set: {}, wanted: headline });
  }
  for (const name of WEAKENED_BASES) {
    const scenario = BUILTIN_SCENARIOS.find((s) => s.name === name);
    if (scenario === undefined) fail(`no built-in ${name}`);
    for (const set of WEAKENINGS) {
      const change = Object.entries(set).map(([k, v]) => `${k}=${v}`).join(' ');
      all.push({ label: `${name} ${change}`, scenario, set, wanted: 'any' });
    }
  }
  if (only.length === 0) return all;
  const picked = all.filter((c) => only.some((o) => c.label.startsWith(o)));
  if (picked.length === 0) fail(`--scenario ${only.join(', ')}: no such case`);
  return picked;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Measured {
  found: number;
  events: number[];
  cpuSeconds: number[];
}

function measure(c: PowerCase, engine: EngineName, seeds: number): Measured {
  const out: Measured = { found: 0, events: [], cpuSeconds: [] };
  for (let i = 1; i <= seeds; i++) {
    const cpuStart = cpuSeconds();
    const result = checkScenario(c.scenario, { engine, seed: `p${i}`, set: c.set, outDir: null }, depsFor(c.scenario));
    const found = c.wanted === 'any' ? result.violations.length > 0 : result.violations.some((v) => v.property === c.wanted);
    if (found) out.found++;
    out.events.push(result.events);
    out.cpuSeconds.push(cpuSeconds() - cpuStart);
  }
  return out;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const rows: string[][] = [['case', 'wanted', 'engine', 'found', 'median events', 'max events', 'median CPU s']];
  const started = cpuSeconds();
  process.stdout.write(`bench:power: ${args.seeds} seeds (p1..p${args.seeds}), engines ${args.engines.join(', ')}, each scenario's own budget\n\n`);
  for (const c of cases(args.only)) {
    for (const engine of args.engines) {
      const m = measure(c, engine, args.seeds);
      const row = [c.label, c.wanted, engine, `${m.found}/${args.seeds}`, formatCount(Math.round(median(m.events))), formatCount(Math.max(...m.events)), median(m.cpuSeconds).toFixed(2)];
      rows.push(row);
      process.stdout.write(`${row.join('  ')}\n`);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  process.stdout.write(`\n${rows.map((r) => r.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')).join('\n')}\n`);
  process.stdout.write(`\n${(cpuSeconds() - started).toFixed(1)} CPU s in all\n`);
}

main();
