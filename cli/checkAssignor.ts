/**
 * `kmc check-assignor MODULE`: judge an assignor plugin before a consumer group does. Per
 * rebalance protocol: (a) its contract on direct calls, (b) the group scenarios with the plugin
 * as the group's assignor, under faults, judged by the group properties, (c) its side-by-side
 * table with the built-ins. A module kmc cannot use is one line on stderr and exit 2 (with
 * --json, the document says so on stdout as well).
 */
import type { AssignorCheckReport } from '../checker/assignorCheck/runAssignorCheck.ts';
import { OUT_DIR_DEFAULT } from '../checker/scenarioContext.ts';
import type { RebalanceProtocol } from '../model/assignors/types.ts';
import { formatAssignorJsonReport } from '../reports/assignorCheckJson.ts';
import { formatAssignorTextReport, formatAssignorUnusableLine } from '../reports/assignorCheckText.ts';
import type { ExitCode } from '../reports/outcome.ts';
import type { Command } from './command.ts';
import { JSON_FLAG, OUT_FLAG, WORKERS_FLAG } from './commonFlags.ts';
import type { AssignorCheckRequest } from './deps.ts';
import { parseDurationMs } from './duration.ts';
import { oneLine } from './errors.ts';
import { RUNS_MAX, checkOutDir, parseCountFlag, parseSeedFlag, parseWorkersFlag } from './flagValues.ts';
import { createProgress } from './progress.ts';
import { UsageError } from './usageError.ts';

const PROTOCOLS: readonly RebalanceProtocol[] = ['eager', 'cooperative'];

export const checkAssignorCommand: Command = {
  name: 'check-assignor',
  summary: 'Check an assignor plugin: its contract, the group scenarios under faults, and its figures next to the built-ins.',
  usage: ['check-assignor MODULE [--protocol eager|cooperative] [--json] [--out DIR] [--seed N] [--runs N] [--time 40s] [--workers N]'],
  details: [
    'MODULE is a .js, .mjs, .cjs, .ts or .mts file exporting a kmc assignor ({name, supportedProtocols,',
    'assign(input)}) or a KafkaJS PartitionAssigner; kmc detects which. It runs in its own thread: a throw,',
    'a hang, a malformed result or buffer, an unknown member, topic or partition is a finding, never a crash.',
    'Per protocol (--protocol, else every protocol the plugin declares):',
    '(a) contract on generated members, subscriptions, owned partitions and generations: valid, complete',
    '    (cooperative: converges), deterministic, balanced when subscriptions are equal;',
    '(b) the group scenarios of that protocol with the plugin as partition.assignment.strategy, under their',
    '    faults; it passes a scenario when it shows no violation beyond the scenario\'s own expectation (what',
    '    the built-in assignors show). Counterexamples replay with: kmc replay FILE --assignor MODULE;',
    '(c) max-min load, partitions moved per rebalance and rounds to converge, next to the built-ins.',
    'Exit codes: 0 all good, 1 a rule broken or a scenario violation, 2 bad usage or a module kmc cannot',
    'use (or a protocol it does not support), 3 internal error.',
  ].join('\n'),
  flags: [
    { name: 'protocol', kind: 'value', valueName: 'eager|cooperative', doc: 'The rebalance protocol to check (default: every one the plugin supports).' },
    JSON_FLAG,
    OUT_FLAG,
    { name: 'seed', kind: 'value', valueName: 'N', doc: 'The seed of every choice: contract inputs, walks, membership changes (default: kmc).' },
    { name: 'runs', kind: 'value', valueName: 'N', doc: "Walks per group scenario (default: the scenario's own budget)." },
    { name: 'time', kind: 'value', valueName: '40s', doc: 'Wall-clock budget of the whole check, in ms, s or m (default 40s); the scenarios share it.' },
    { ...WORKERS_FLAG, doc: "Worker threads for the group scenarios, one scenario per thread, the plugin loaded in each (default: the machine's cores)." },
  ],
  async run(args, io, deps) {
    const [modulePath, extra] = args.positionals;
    if (modulePath === undefined) throw new UsageError('kmc check-assignor needs a MODULE: the path of an assignor module (.js, .mjs, .cjs, .ts, .mts)');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for kmc check-assignor; it checks one MODULE at a time`);
    const request: AssignorCheckRequest = { outDir: checkOutDir('--out', args.value('out') ?? OUT_DIR_DEFAULT) };
    const protocol = args.value('protocol');
    if (protocol !== undefined) {
      if (!(PROTOCOLS as readonly string[]).includes(protocol)) throw new UsageError(`--protocol ${protocol}: must be eager or cooperative`);
      request.protocol = protocol as RebalanceProtocol;
    }
    const seed = args.value('seed');
    if (seed !== undefined) request.seed = parseSeedFlag('--seed', seed);
    const runs = args.value('runs');
    if (runs !== undefined) request.runs = parseCountFlag('--runs', runs, 1, RUNS_MAX);
    const time = args.value('time');
    if (time !== undefined) request.timeMs = parseDurationMs('--time', time);
    request.workers = parseWorkersFlag(args.value('workers'));
    const json = args.has('json');

    const progress = createProgress(io);
    let report: AssignorCheckReport;
    try {
      report = await deps.checkAssignor(modulePath, { ...request, progress });
    } finally {
      progress.clear();
    }
    if (report.unusable !== null) io.err(`kmc: ${oneLine(formatAssignorUnusableLine(report))}\n`);
    if (json) io.out(formatAssignorJsonReport(report));
    else if (report.unusable === null) io.out(formatAssignorTextReport(report));
    return report.exitCode as ExitCode;
  },
};
