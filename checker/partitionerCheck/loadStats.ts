/**
 * Load statistics of a partitioner on realistic key sets, all generated from one seed:
 * - `uniform`: keys drawn uniformly from a universe of distinct keys;
 * - `zipf`: keys drawn with Zipf's law (exponent 1.1 by default) over the universe;
 * - `hot-keys`: a few keys (3) carry half of the records, the rest uniform;
 * - `null-keys`: no keys at all;
 * and partition-count growth (P → P+1, P → 2P): the fraction of the universe's keys whose
 * partition changes. Records go through the producer-shaped send driver (batching with
 * `batch.size`), so sticky partitioners are measured as a producer would drive them.
 * Per key set: partition counts, max/mean load ratio, and Pearson's chi-square against uniform
 * with its degrees of freedom and p-value.
 */
import { createRng, subSeed, type Rng } from '../../model/kernel/rng.ts';
import { simpleClusterView, type PartitionerRecord } from '../../model/partitioners/types.ts';
import type { PartitionerHandle } from '../plugins/partitionerHandle.ts';
import { chiSquareUniform } from './chiSquare.ts';
import { findingInput, type ContractFinding } from './finding.ts';

export const KEY_SETS = ['uniform', 'zipf', 'hot-keys', 'null-keys'] as const;
export type KeySetName = (typeof KEY_SETS)[number];

export const LOAD_TOPIC = 'kmc-load';

export interface LoadStatsOptions {
  /** Seed of every generated key and value (default "kmc"). */
  seed?: string;
  /** Partitions of the topic (default 12). */
  partitionCount?: number;
  /** Records per key set (default 20,000). */
  records?: number;
  /** Distinct keys (default 10,000). */
  keyUniverse?: number;
  /** Value size in bytes (default 100). */
  valueBytes?: number;
  /** `batch.size` of the simulated producer (default 16384). */
  batchSizeBytes?: number;
  /** Zipf exponent s (default 1.1). */
  zipfExponent?: number;
  /** Hot keys (default 3) and the share of records they carry together (default 0.5). */
  hotKeys?: number;
  hotKeyShare?: number;
}

type ResolvedOptions = Required<LoadStatsOptions>;

export function resolveLoadStatsOptions(options: LoadStatsOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    seed: options.seed ?? 'kmc',
    partitionCount: options.partitionCount ?? 12,
    records: options.records ?? 20_000,
    keyUniverse: options.keyUniverse ?? 10_000,
    valueBytes: options.valueBytes ?? 100,
    batchSizeBytes: options.batchSizeBytes ?? 16384,
    zipfExponent: options.zipfExponent ?? 1.1,
    hotKeys: options.hotKeys ?? 3,
    hotKeyShare: options.hotKeyShare ?? 0.5,
  };
  if (!Number.isInteger(resolved.partitionCount) || resolved.partitionCount < 1) throw new RangeError(`partitionCount must be a positive integer, got ${resolved.partitionCount}`);
  if (!Number.isInteger(resolved.records) || resolved.records < 1) throw new RangeError(`records must be a positive integer, got ${resolved.records}`);
  if (!Number.isInteger(resolved.keyUniverse) || resolved.keyUniverse <= resolved.hotKeys) throw new RangeError(`keyUniverse must exceed hotKeys (${resolved.hotKeys}), got ${resolved.keyUniverse}`);
  if (!(resolved.hotKeyShare >= 0 && resolved.hotKeyShare <= 1)) throw new RangeError(`hotKeyShare must be in [0, 1], got ${resolved.hotKeyShare}`);
  return resolved;
}

export interface KeySetLoad {
  keySet: KeySetName;
  records: number;
  partitionCount: number;
  /** Records per partition. */
  counts: number[];
  /** Busiest partition's records over the mean (1 = perfectly even). */
  maxMeanRatio: number;
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
}

export interface GrowthRemap {
  from: number;
  to: number;
  keys: number;
  /** Fraction of keys whose partition changed. */
  remappedFraction: number;
}

export interface LoadStatsResult {
  partitioner: string;
  seed: string;
  partitionCount: number;
  keySets: KeySetLoad[];
  growth: GrowthRemap[];
  /** The first rule the partitioner broke while measuring (the measurement stops there). */
  failure: ContractFinding | null;
}

const encoder = new TextEncoder();

/** `count` distinct keys shaped like real ones (user ids, order ids, device and tenant keys). */
export function generateKeyUniverse(count: number, rng: Rng): Uint8Array[] {
  const keys: Uint8Array[] = [];
  const hex = (digits: number): string => {
    let text = '';
    for (let i = 0; i < digits; i++) text += rng.int(16).toString(16);
    return text;
  };
  for (let index = 0; index < count; index++) {
    let text: string;
    switch (rng.int(4)) {
      case 0:
        text = `user-${String(index).padStart(6, '0')}`;
        break;
      case 1:
        text = `order-${hex(8)}-${hex(4)}-${index}`;
        break;
      case 2:
        text = `device:${index * 7919 + rng.int(7919)}`;
        break;
      default:
        text = `tenant${rng.int(50)}/session/${index}`;
    }
    keys.push(encoder.encode(text));
  }
  return keys;
}

/** Cumulative Zipf weights 1/r^s over ranks 1..count, normalised to end at 1. */
function zipfCumulative(count: number, exponent: number): Float64Array {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let rank = 1; rank <= count; rank++) {
    total += 1 / Math.pow(rank, exponent);
    cumulative[rank - 1] = total;
  }
  for (let i = 0; i < count; i++) cumulative[i] /= total;
  return cumulative;
}

function sampleCumulative(cumulative: Float64Array, draw: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] > draw) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Distinct values cycled through the records (values do not steer the built-ins; they give records their size). */
const VALUE_VARIANTS = 16;

function valueVariants(size: number): Uint8Array[] {
  return Array.from({ length: VALUE_VARIANTS }, (_, variant) => {
    const value = new Uint8Array(size);
    value.set(encoder.encode(`value-${variant}`).subarray(0, size));
    return value;
  });
}

/** Every record the load statistics send, generated once from the seed and shared by the partitioners compared. */
export interface LoadWorkload {
  options: ResolvedOptions;
  keySets: { keySet: KeySetName; records: PartitionerRecord[] }[];
  /** One keyed record per key of the universe, for the growth measurement. */
  growthRecords: PartitionerRecord[];
}

function keySetRecords(name: KeySetName, resolved: ResolvedOptions, universe: readonly Uint8Array[], values: readonly Uint8Array[]): PartitionerRecord[] {
  const rng = createRng(subSeed(resolved.seed, `key-set/${name}`));
  const zipf = name === 'zipf' ? zipfCumulative(universe.length, resolved.zipfExponent) : null;
  const records: PartitionerRecord[] = [];
  for (let index = 0; index < resolved.records; index++) {
    let key: Uint8Array | null;
    switch (name) {
      case 'uniform':
        key = universe[rng.int(universe.length)];
        break;
      case 'zipf':
        key = universe[sampleCumulative(zipf as Float64Array, rng.next())];
        break;
      case 'hot-keys':
        key = rng.chance(resolved.hotKeyShare) ? universe[rng.int(resolved.hotKeys)] : universe[resolved.hotKeys + rng.int(universe.length - resolved.hotKeys)];
        break;
      case 'null-keys':
        key = null;
        break;
      default: {
        const unknown: never = name;
        throw new RangeError(`unknown key set ${String(unknown)}`);
      }
    }
    records.push({ topic: LOAD_TOPIC, key, value: values[index % values.length], partition: null });
  }
  return records;
}

export function generateLoadWorkload(options: LoadStatsOptions = {}): LoadWorkload {
  const resolved = resolveLoadStatsOptions(options);
  const universe = generateKeyUniverse(resolved.keyUniverse, createRng(subSeed(resolved.seed, 'key-universe')));
  const values = valueVariants(resolved.valueBytes);
  return {
    options: resolved,
    keySets: KEY_SETS.map((keySet) => ({ keySet, records: keySetRecords(keySet, resolved, universe, values) })),
    growthRecords: universe.map((key, index): PartitionerRecord => ({ topic: LOAD_TOPIC, key, value: values[index % values.length], partition: null })),
  };
}

/** The records of one key set, in send order. */
export function generateKeySet(name: KeySetName, options: LoadStatsOptions = {}): PartitionerRecord[] {
  const workload = generateLoadWorkload(options);
  return (workload.keySets.find((set) => set.keySet === name) as LoadWorkload['keySets'][number]).records;
}

/** Max/mean ratio and chi-square of per-partition counts. */
export function loadOf(keySet: KeySetName, counts: number[]): KeySetLoad {
  const records = counts.reduce((sum, count) => sum + count, 0);
  const mean = records / counts.length;
  const chi = chiSquareUniform(counts);
  return {
    keySet,
    records,
    partitionCount: counts.length,
    counts,
    maxMeanRatio: mean === 0 ? 0 : Math.max(...counts) / mean,
    chiSquare: chi.statistic,
    degreesOfFreedom: chi.degreesOfFreedom,
    pValue: chi.pValue,
  };
}

/** Runs every key set and the growth measurement through the partitioner. */
export async function partitionerLoadStats(handle: PartitionerHandle, options: LoadStatsOptions | LoadWorkload = {}): Promise<LoadStatsResult> {
  const workload = 'growthRecords' in options ? options : generateLoadWorkload(options);
  const resolved = workload.options;
  const partitionCount = resolved.partitionCount;
  const result: LoadStatsResult = { partitioner: handle.name, seed: resolved.seed, partitionCount, keySets: [], growth: [], failure: null };
  const fail = (records: readonly PartitionerRecord[], count: number, failure: { index: number; violation: { rule: ContractFinding['rule']; detail: string } }): LoadStatsResult => {
    const record = records[Math.min(failure.index, records.length - 1)];
    result.failure = { rule: failure.violation.rule, plugin: handle.name, module: handle.modulePath, input: findingInput(record, simpleClusterView(LOAD_TOPIC, count)), detail: failure.violation.detail };
    return result;
  };

  const cluster = simpleClusterView(LOAD_TOPIC, partitionCount);
  for (const { keySet, records } of workload.keySets) {
    const sent = await handle.sends(records, cluster, { batchSizeBytes: resolved.batchSizeBytes, seed: subSeed(resolved.seed, `send/${keySet}`) });
    if (sent.failure !== null) return fail(records, partitionCount, sent.failure);
    const counts = new Array<number>(partitionCount).fill(0);
    for (const partition of sent.partitions) counts[partition]++;
    result.keySets.push(loadOf(keySet, counts));
  }

  const keyed = workload.growthRecords;
  const partitionsAt = new Map<number, number[]>();
  for (const count of [partitionCount, partitionCount + 1, partitionCount * 2]) {
    if (partitionsAt.has(count)) continue;
    const sent = await handle.sends(keyed, simpleClusterView(LOAD_TOPIC, count), { batchSizeBytes: resolved.batchSizeBytes, seed: subSeed(resolved.seed, `growth/${count}`) });
    if (sent.failure !== null) return fail(keyed, count, sent.failure);
    partitionsAt.set(count, sent.partitions);
  }
  const before = partitionsAt.get(partitionCount) as number[];
  for (const to of [partitionCount + 1, partitionCount * 2]) {
    const after = partitionsAt.get(to) as number[];
    let remapped = 0;
    for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) remapped++;
    result.growth.push({ from: partitionCount, to, keys: before.length, remappedFraction: before.length === 0 ? 0 : remapped / before.length });
  }
  return result;
}
