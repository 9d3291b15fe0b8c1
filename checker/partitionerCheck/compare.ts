/**
 * A partitioner side by side with Kafka's built-ins (`default`, `sticky`, `round-robin` unless
 * told otherwise), through the same load statistics: the table as data, and a text renderer.
 */
import { BUILT_IN_PARTITIONER_NAMES, type BuiltInPartitionerName } from '../../model/partitioners/builtIns.ts';
import { builtInPartitionerHandle } from '../plugins/inProcessHandle.ts';
import type { PartitionerHandle } from '../plugins/partitionerHandle.ts';
import type { ContractFinding } from './finding.ts';
import { KEY_SETS, generateLoadWorkload, partitionerLoadStats, resolveLoadStatsOptions, type KeySetName, type LoadStatsOptions, type LoadStatsResult } from './loadStats.ts';

export const COMPARED_BUILT_INS_DEFAULT: readonly BuiltInPartitionerName[] = ['default', 'sticky', 'round-robin'];

export type ComparisonMetric = 'max-mean-ratio' | 'chi-square' | 'p-value' | 'remapped-fraction';

export interface ComparisonRow {
  /** e.g. "uniform max/mean", "P→P+1 remapped". */
  label: string;
  metric: ComparisonMetric;
  keySet: KeySetName | null;
  /** One value per column; null where the partitioner failed before measuring it. */
  values: (number | null)[];
}

export interface ComparisonTable {
  seed: string;
  partitionCount: number;
  recordsPerKeySet: number;
  /** Column headers: the compared partitioner first, then the built-ins. */
  columns: string[];
  rows: ComparisonRow[];
  /** Rules a partitioner broke while being measured. */
  failures: ContractFinding[];
}

export interface CompareOptions extends LoadStatsOptions {
  builtIns?: readonly BuiltInPartitionerName[];
}

export interface Comparison {
  table: ComparisonTable;
  stats: LoadStatsResult[];
}

/** Builds the table from load statistics, one column per result. */
export function comparisonTable(stats: readonly LoadStatsResult[], options: LoadStatsOptions = {}): ComparisonTable {
  const resolved = resolveLoadStatsOptions(options);
  const rows: ComparisonRow[] = [];
  for (const keySet of KEY_SETS) {
    const of = (result: LoadStatsResult) => result.keySets.find((load) => load.keySet === keySet) ?? null;
    const degreesOfFreedom = resolved.partitionCount - 1;
    rows.push({ label: `${keySet} max/mean`, metric: 'max-mean-ratio', keySet, values: stats.map((s) => of(s)?.maxMeanRatio ?? null) });
    rows.push({ label: `${keySet} chi² (df ${degreesOfFreedom})`, metric: 'chi-square', keySet, values: stats.map((s) => of(s)?.chiSquare ?? null) });
    rows.push({ label: `${keySet} p-value`, metric: 'p-value', keySet, values: stats.map((s) => of(s)?.pValue ?? null) });
  }
  for (const [label, to] of [
    ['P→P+1 remapped', resolved.partitionCount + 1],
    ['P→2P remapped', resolved.partitionCount * 2],
  ] as const) {
    rows.push({ label, metric: 'remapped-fraction', keySet: null, values: stats.map((s) => s.growth.find((g) => g.to === to)?.remappedFraction ?? null) });
  }
  return {
    seed: resolved.seed,
    partitionCount: resolved.partitionCount,
    recordsPerKeySet: resolved.records,
    columns: stats.map((s) => s.partitioner),
    rows,
    failures: stats.flatMap((s) => (s.failure === null ? [] : [s.failure])),
  };
}

/** Measures the partitioner and the built-ins with the same seed and key sets. */
export async function comparePartitioners(handle: PartitionerHandle, options: CompareOptions = {}): Promise<Comparison> {
  const builtIns = options.builtIns ?? COMPARED_BUILT_INS_DEFAULT;
  for (const name of builtIns) if (!(BUILT_IN_PARTITIONER_NAMES as readonly string[]).includes(name)) throw new RangeError(`unknown built-in partitioner ${name}`);
  const workload = generateLoadWorkload(options);
  const stats: LoadStatsResult[] = [await partitionerLoadStats(handle, workload)];
  for (const name of builtIns) stats.push(await partitionerLoadStats(builtInPartitionerHandle(name), workload));
  return { table: comparisonTable(stats, options), stats };
}

function formatValue(metric: ComparisonMetric, value: number | null): string {
  if (value === null) return '—';
  switch (metric) {
    case 'max-mean-ratio':
      return value.toFixed(2);
    case 'chi-square':
      return value >= 100_000 ? value.toExponential(2) : value.toFixed(1);
    case 'p-value':
      if (value === 0) return '<1e-300';
      return value >= 0.001 ? value.toFixed(3) : value.toExponential(1);
    case 'remapped-fraction':
      return `${(value * 100).toFixed(1)}%`;
    default: {
      const unknown: never = metric;
      return String(unknown);
    }
  }
}

/** The table as aligned text columns, with a header line and the failures below. */
export function renderComparisonTable(table: ComparisonTable): string {
  const header = ['', ...table.columns];
  const body = table.rows.map((row) => [row.label, ...row.values.map((value) => formatValue(row.metric, value))]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((line) => line[column].length)));
  const renderLine = (line: string[]): string => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  const lines = [
    `Load on ${table.partitionCount} partitions, ${table.recordsPerKeySet} records per key set, seed ${table.seed} (chi² against uniform; a small p-value means uneven load)`,
    renderLine(header),
    ...body.map(renderLine),
  ];
  for (const failure of table.failures) lines.push(`${failure.plugin}: stopped measuring: broke "${failure.rule}": ${failure.detail}`);
  return lines.join('\n');
}
