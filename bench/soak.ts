/**
 * `npm run soak`: a long `kmc fuzz` campaign over both models — several base scenarios, every key
 * of each one's model varied (`--vary all`) — the standing hunt for kmc's own false alarms. Each
 * base gets an equal share of the event budget; a share is deterministic (config i is a pure
 * function of the seed and i, and the campaign stops between configs once its events are spent),
 * so the same seed and budget find the same things. A --time budget instead bounds wall time.
 *
 *   npm run soak                                  # 10^8 events (about 10-20 minutes of CPU)
 *   npm run soak -- --events 2e6 --seed soak-7    # a short one
 *   npm run soak -- --time 5m --out /tmp/soak     # wall-clock bounded
 *   npm run soak -- --events 2e6 --workers 1      # in one thread (default: every core; same findings)
 *   npm run soak -- --scenario group-member-crash --scenario acks-all-min-isr-2
 *
 * Prints, per base and in all: configs tried, runs, events, CPU seconds (process.cpuUsage), and
 * every guaranteed violation and model assertion found, each with the commands that replay it.
 * Files go to --out (default kmc-out/soak). Exit 0 when nothing is found, 1 for a guaranteed
 * violation, 3 for a model assertion, 2 for bad arguments.
 */
import { runFuzz, BUILTIN_SCENARIOS } from '../index.ts';
import type { FuzzResult } from '../checker/fuzz/types.ts';
import { fuzzExitCodeOf } from '../reports/fuzzOutcome.ts';
import { formatFuzzFindingLine } from '../reports/fuzzText.ts';
import { formatCount } from '../reports/numbers.ts';
import { parseDurationMs } from '../cli/duration.ts';
import { parseWorkersFlag } from '../cli/flagValues.ts';

/** Base scenarios that hold: every guaranteed violation around them is a finding. */
const DEFAULT_BASES = [
  'acks-all-min-isr-2',
  'acks-all-five-brokers',
  'last-replica-standing-elr',
  'min-isr-raised-live',
  'diverging-epoch-holds',
  'producer-retries-idempotent',
  'group-member-crash',
  'group-coordinator-failover',
  'group-two-groups-independent',
  'group-static-member-restart',
  'group-join-leave-storm',
  'group-subscription-change',
  'group-partitions-added',
];
const EVENTS_DEFAULT = 100_000_000;
const RUNS_PER_CONFIG = 100;

interface SoakArgs {
  bases: string[];
  events: number | undefined;
  timeMs: number | undefined;
  seed: string;
  runs: number;
  /** Worker threads for the walks (--workers; default the machine's cores). */
  workers: number;
  out: string;
}

function fail(message: string): never {
  process.stderr.write(`soak: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): SoakArgs {
  const args: SoakArgs = { bases: [], events: undefined, timeMs: undefined, seed: 'soak-1', runs: RUNS_PER_CONFIG, workers: parseWorkersFlag(undefined), out: 'kmc-out/soak' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) fail(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--events': {
        const events = Number(value);
        if (!Number.isFinite(events) || events < 1) fail(`--events ${value}: a number of events, such as 1e8`);
        args.events = Math.round(events);
        break;
      }
      case '--time':
        args.timeMs = parseDurationMs('--time', value);
        break;
      case '--seed':
        args.seed = value;
        break;
      case '--runs':
        args.runs = Number(value);
        if (!Number.isInteger(args.runs) || args.runs < 1) fail(`--runs ${value}: a whole number of runs per config`);
        break;
      case '--workers':
        try {
          args.workers = parseWorkersFlag(value);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
        break;
      case '--out':
        args.out = value;
        break;
      case '--scenario':
        if (!BUILTIN_SCENARIOS.some((s) => s.name === value)) fail(`--scenario ${value}: not a built-in scenario`);
        args.bases.push(value);
        break;
      default:
        fail(`unknown flag ${flag}; flags: --events N, --time 20m, --seed S, --runs N, --workers N, --out DIR, --scenario NAME (repeatable)`);
    }
  }
  if (args.bases.length === 0) args.bases = DEFAULT_BASES;
  if (args.events === undefined && args.timeMs === undefined) args.events = EVENTS_DEFAULT;
  return args;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const budget = [args.events === undefined ? null : `${formatCount(args.events)} events`, args.timeMs === undefined ? null : `${args.timeMs / 1000} s`].filter(Boolean).join(' or ');
  process.stdout.write(`soak: kmc fuzz --vary all around ${args.bases.length} base scenarios, ${budget}, seed ${args.seed}, ${args.runs} runs per config\n\n`);
  const cpuStart = cpuSeconds();
  const results: FuzzResult[] = [];
  for (const [index, name] of args.bases.entries()) {
    const scenario = BUILTIN_SCENARIOS.find((s) => s.name === name)!;
    const share = (total: number): number => Math.max(1, Math.floor(total / args.bases.length));
    const cpuBase = cpuSeconds();
    const result = await runFuzz(scenario, {
      vary: 'all',
      seed: `${args.seed}-${name}`,
      runs: args.runs,
      workers: args.workers,
      outDir: args.out,
      ...(args.events === undefined ? {} : { eventsMax: share(args.events) }),
      ...(args.timeMs === undefined ? {} : { timeMs: share(args.timeMs) }),
      onProgress: (p) => process.stderr.write(`\r[${index + 1}/${args.bases.length}] ${name}: ${formatCount(p.configsDone)} configs, ${formatCount(p.events)} events, ${p.findings} findings   `),
    });
    process.stderr.write('\r\x1b[2K');
    results.push(result);
    const found = result.findings.length + result.notMinimised.length;
    process.stdout.write(
      `${name} (${result.model}): ${formatCount(result.configsTried)} configs, ${formatCount(result.runs)} runs, ${formatCount(result.events)} events, ` +
        `${(cpuSeconds() - cpuBase).toFixed(1)} CPU s: ${found === 0 ? 'nothing found' : `${found} finding${found === 1 ? '' : 's'}`}\n`,
    );
    for (const finding of result.findings) process.stdout.write(formatFuzzFindingLine(finding));
    for (const extra of result.notMinimised) process.stdout.write(`  (not minimised) config ${extra.config}: ${extra.property ?? 'model assertion'}, run seed ${extra.runSeed}\n`);
  }
  const total = (pick: (r: FuzzResult) => number): number => results.reduce((sum, r) => sum + pick(r), 0);
  const exitCode = Math.max(...results.map((r) => fuzzExitCodeOf(r)));
  const violations = total((r) => [...r.findings, ...r.notMinimised].filter((f) => f.kind === 'violation').length);
  const assertions = total((r) => [...r.findings, ...r.notMinimised].filter((f) => f.kind === 'internal-error').length);
  process.stdout.write(
    `\nsoak: ${formatCount(total((r) => r.configsTried))} configs tried, ${formatCount(total((r) => r.runs))} runs, ${formatCount(total((r) => r.events))} events, ` +
      `${(cpuSeconds() - cpuStart).toFixed(1)} CPU s: ${violations} guaranteed violation${violations === 1 ? '' : 's'}, ${assertions} model assertion${assertions === 1 ? '' : 's'}\n`,
  );
  return exitCode;
}

process.exitCode = await main();
