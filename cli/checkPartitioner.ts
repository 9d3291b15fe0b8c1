/**
 * `kmc check-partitioner MODULE`: judge a partitioner plugin before production does. (a) its
 * contract, (b) end-to-end scenarios with faults and retries, next to Kafka's default, sticky and
 * round-robin partitioners, (c) load statistics and the side-by-side table. A module kmc cannot
 * use is one line on stderr and exit 2 (with --json, the document says so on stdout as well).
 */
import type { PartitionerCheckReport } from '../checker/partitionerCheck/runPartitionerCheck.ts';
import { OUT_DIR_DEFAULT } from '../checker/scenarioContext.ts';
import { formatPartitionerJsonReport } from '../reports/partitionerCheckJson.ts';
import { formatPartitionerTextReport, formatUnusableLine } from '../reports/partitionerCheckText.ts';
import type { ExitCode } from '../reports/outcome.ts';
import type { Command } from './command.ts';
import { JSON_FLAG, OUT_FLAG, WORKERS_FLAG } from './commonFlags.ts';
import type { PartitionerCheckRequest } from './deps.ts';
import { oneLine } from './errors.ts';
import { RUNS_MAX, checkOutDir, parseCountFlag, parseSeedFlag, parseWorkersFlag } from './flagValues.ts';
import { createProgress } from './progress.ts';
import { UsageError } from './usageError.ts';

export const checkPartitionerCommand: Command = {
  name: 'check-partitioner',
  summary: 'Check a partitioner plugin: its contract, end-to-end scenarios under faults, and its load next to the built-ins.',
  usage: ['check-partitioner MODULE [--json] [--out DIR] [--seed N] [--runs N] [--workers N]'],
  details: [
    'MODULE is a .js, .mjs, .cjs, .ts or .mts file exporting a kmc partitioner (partition(record, cluster),',
    'optional onNewBatch) or a KafkaJS createPartitioner; kmc detects which. It runs in its own thread:',
    'a throw, a hang or a bad partition is a finding, never a crash.',
    '(a) contract: an integer partition in range, the same partition for a key while the partition count',
    '    is unchanged, no throw, a return within the time bound;',
    '(b) end to end: the partitions it chooses for each producer run through fault scenarios (leader',
    '    failover, retries, null keys) with acks=all and idempotence, judged by lost-write, duplicate,',
    '    nonmonotonic-send, key-partition-stable and every other property; default, sticky and',
    '    round-robin run too, for comparison. Counterexample files replay without the plugin;',
    '(c) load on uniform, Zipf, hot and null keys and on partition growth, side by side with the built-ins.',
    'Exit codes: 0 all good, 1 a broken contract or an end-to-end violation, 2 bad usage or a module',
    'kmc cannot use, 3 internal error.',
  ].join('\n'),
  flags: [
    JSON_FLAG,
    OUT_FLAG,
    { name: 'seed', kind: 'value', valueName: 'N', doc: "The seed of every choice: contract inputs, walks, key sets (default: kmc, and each scenario's own)." },
    { name: 'runs', kind: 'value', valueName: 'N', doc: 'Walks per end-to-end scenario and partitioner (default 200).' },
    WORKERS_FLAG,
  ],
  async run(args, io, deps) {
    const [modulePath, extra] = args.positionals;
    if (modulePath === undefined) throw new UsageError('kmc check-partitioner needs a MODULE: the path of a partitioner module (.js, .mjs, .cjs, .ts, .mts)');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" for kmc check-partitioner; it checks one MODULE at a time`);
    const request: PartitionerCheckRequest = { outDir: checkOutDir('--out', args.value('out') ?? OUT_DIR_DEFAULT) };
    const seed = args.value('seed');
    if (seed !== undefined) request.seed = parseSeedFlag('--seed', seed);
    const runs = args.value('runs');
    if (runs !== undefined) request.runs = parseCountFlag('--runs', runs, 1, RUNS_MAX);
    request.workers = parseWorkersFlag(args.value('workers'));
    const json = args.has('json');

    const progress = createProgress(io);
    let report: PartitionerCheckReport;
    try {
      report = await deps.checkPartitioner(modulePath, { ...request, progress });
    } finally {
      progress.clear();
    }
    if (report.unusable !== null) io.err(`kmc: ${oneLine(formatUnusableLine(report))}\n`);
    if (json) io.out(formatPartitionerJsonReport(report));
    else if (report.unusable === null) io.out(formatPartitionerTextReport(report));
    return report.exitCode as ExitCode;
  },
};
