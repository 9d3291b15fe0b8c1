/**
 * Contract checks for a partitioner, over inputs fast-check generates (keys null, empty, UTF-8 and
 * binary; 1..64 partitions, some without a leader; explicit partitions) and shrinks on failure:
 * - `no-throw`: partition() and onNewBatch() return normally;
 * - `returns-in-time`: partition() returns synchronously within the time bound (not a Promise);
 * - `integer`, `non-negative`, `in-range`: the result is an integer in [0, partitionCount);
 * - `deterministic`: a keyed record (no explicit partition) gets the same partition when sent
 *   again with the partition count unchanged (null keys are exempt);
 * - `explicit-partition` (KafkaJS style only): KafkaJS hands the message's explicit partition to
 *   the partitioner and sends where it says, so it must be returned as is. Java (and kmc, for
 *   kmc-style plugins) uses an explicit partition without asking the partitioner.
 * Each broken rule is reported once, with the shrunk input. A call that hangs or takes the
 * plugin's thread down is reported unshrunk and stops the check: every further run could cost
 * another time bound or thread restart.
 */
import fc from 'fast-check';
import { hashString } from '../../model/kernel/fingerprint.ts';
import { simpleClusterView, type ClusterView, type PartitionerRecord } from '../../model/partitioners/types.ts';
import { CONTRACT_RULES, isViolation, type ContractRule } from '../plugins/callGuard.ts';
import type { PartitionerHandle } from '../plugins/partitionerHandle.ts';
import { findingInput, type ContractFinding } from './finding.ts';

export const CONTRACT_TOPIC = 'kmc-contract';

export interface ContractOptions {
  /** Seed of the generated inputs (default "kmc"); the same seed checks the same inputs. */
  seed?: string;
  /** fast-check runs per search (default 100). */
  runs?: number;
  /** Records per run, at most (default 16). */
  recordsPerRunMax?: number;
  /** Partition counts from 1 to this (default 64). */
  partitionCountMax?: number;
}

export interface ContractResult {
  plugin: string;
  module: string | null;
  style: PartitionerHandle['style'];
  seed: string;
  /** The rules checked (all of CONTRACT_RULES but `explicit-partition` for non-KafkaJS plugins). */
  rules: ContractRule[];
  passed: boolean;
  findings: ContractFinding[];
  /** Set when a hang or a dead thread stopped the check before every rule was searched. */
  stoppedEarly: boolean;
}

interface CaseRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  partition: number | null;
}

interface ContractCase {
  partitionCount: number;
  withoutLeader: number[];
  records: CaseRecord[];
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Cases without `chain`, so fast-check shrinks the partition count on its own: leaderless and
 * explicit partitions are drawn as numbers and taken modulo the partition count.
 */
function caseArbitrary(recordsPerRunMax: number, partitionCountMax: number): fc.Arbitrary<ContractCase> {
  const key = fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.constant(new Uint8Array(0)), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }).map(utf8), weight: 3 },
    { arbitrary: fc.uint8Array({ maxLength: 24 }), weight: 3 },
  );
  return fc
    .record({
      partitionCount: fc.integer({ min: 1, max: partitionCountMax }),
      withoutLeader: fc.uniqueArray(fc.nat(partitionCountMax - 1), { maxLength: 3 }),
      records: fc.array(
        fc.record({
          key,
          value: fc.option(fc.uint8Array({ maxLength: 8 }), { nil: null, freq: 4 }),
          partition: fc.option(fc.nat(partitionCountMax - 1), { nil: null, freq: 5 }),
        }),
        { minLength: 1, maxLength: recordsPerRunMax },
      ),
    })
    .map(({ partitionCount, withoutLeader, records }) => ({
      partitionCount,
      withoutLeader: [...new Set(withoutLeader.map((p) => p % partitionCount))],
      records: records.map((r) => ({ ...r, partition: r.partition === null ? null : r.partition % partitionCount })),
    }));
}

/** Hand-picked edge cases, checked after the generated ones for rules those did not break. */
function examples(partitionCountMax: number): ContractCase[] {
  const record = (key: Uint8Array | null, partition: number | null = null): CaseRecord => ({ key, value: null, partition });
  const leaderless = Math.min(3, partitionCountMax);
  return [
    { partitionCount: 1, withoutLeader: [], records: [record(null), record(new Uint8Array(0)), record(utf8('k'))] },
    { partitionCount: Math.min(64, partitionCountMax), withoutLeader: [], records: [record(utf8('21')), record(new Uint8Array(0)), record(null), record(utf8('21'))] },
    { partitionCount: leaderless, withoutLeader: Array.from({ length: leaderless }, (_, p) => p), records: [record(null), record(utf8('no leader anywhere'))] },
    { partitionCount: Math.min(7, partitionCountMax), withoutLeader: [1], records: [record(utf8('explicit'), 0), record(null, Math.min(6, partitionCountMax - 1)), record(Uint8Array.of(0xff, 0x00, 0x80))] },
  ];
}

function numericSeed(seed: string): number {
  return Number.parseInt(hashString(seed).slice(0, 8), 16) | 0;
}

export async function checkPartitionerContract(handle: PartitionerHandle, options: ContractOptions = {}): Promise<ContractResult> {
  const seed = options.seed ?? 'kmc';
  const runs = options.runs ?? 100;
  const recordsPerRunMax = options.recordsPerRunMax ?? 16;
  const partitionCountMax = options.partitionCountMax ?? 64;
  const rules = CONTRACT_RULES.filter((rule) => rule !== 'explicit-partition' || handle.style === 'kafkajs');
  const findings: ContractFinding[] = [];
  const excluded = new Set<ContractRule>(CONTRACT_RULES.filter((rule) => !rules.includes(rule)));
  let interrupted: ContractFinding | null = null;

  const finding = (rule: ContractRule, record: PartitionerRecord, cluster: ClusterView, detail: string): ContractFinding => ({
    rule,
    plugin: handle.name,
    module: handle.modulePath,
    input: findingInput(record, cluster),
    detail,
  });

  /** The first broken rule not yet reported, on this case; null if none. */
  const evaluate = async (contractCase: ContractCase): Promise<ContractFinding | null> => {
    const cluster = simpleClusterView(CONTRACT_TOPIC, contractCase.partitionCount, { withoutLeader: contractCase.withoutLeader });
    const records: PartitionerRecord[] = contractCase.records.map((r) => ({ topic: CONTRACT_TOPIC, key: r.key, value: r.value, partition: r.partition }));
    // Keyed records without an explicit partition are sent again, in reverse order, for `deterministic`.
    const repeated = records.map((_, index) => index).filter((index) => records[index].key !== null && records[index].partition === null).reverse();
    const all = [...records, ...repeated.map((index) => records[index])];
    const result = await handle.calls(all, cluster, { callOnNewBatch: handle.hasOnNewBatch, seed });
    if (result.interruption !== null) {
      const { index, violation } = result.interruption;
      if (interrupted === null) interrupted = finding(violation.rule, all[Math.min(index, all.length - 1)], cluster, violation.detail);
      return null;
    }
    const outcomes = result.outcomes;
    for (let index = 0; index < outcomes.length; index++) {
      const outcome = outcomes[index];
      if (isViolation(outcome) && !excluded.has(outcome.rule)) return finding(outcome.rule, all[index], cluster, outcome.detail);
    }
    if (!excluded.has('explicit-partition')) {
      for (let index = 0; index < records.length; index++) {
        const explicit = records[index].partition;
        const outcome = outcomes[index];
        if (explicit !== null && explicit !== undefined && typeof outcome === 'number' && outcome !== explicit) {
          return finding('explicit-partition', records[index], cluster, `returned ${outcome} for a message with explicit partition ${explicit}; KafkaJS would send it to ${outcome}`);
        }
      }
    }
    if (!excluded.has('deterministic')) {
      for (let j = 0; j < repeated.length; j++) {
        const first = outcomes[repeated[j]];
        const second = outcomes[records.length + j];
        if (typeof first === 'number' && typeof second === 'number' && first !== second) {
          return finding('deterministic', records[repeated[j]], cluster, `returned ${first}, then ${second} for the same key with the partition count unchanged (${contractCase.partitionCount})`);
        }
      }
    }
    return null;
  };

  for (let search = 0; search < rules.length && interrupted === null; search++) {
    let last: ContractFinding | null = null;
    const property = fc.asyncProperty(caseArbitrary(recordsPerRunMax, partitionCountMax), async (contractCase) => {
      if (interrupted !== null) return true;
      const found = await evaluate(contractCase);
      if (found === null) return true;
      // fast-check shrinks: the last failing run is the shrunk counterexample.
      last = found;
      return false;
    });
    const details = await fc.check(property, { seed: numericSeed(seed), numRuns: runs });
    if (details.errorInstance !== null && last === null) throw details.errorInstance;
    if (!details.failed || last === null) break;
    const shrunk: ContractFinding = last;
    findings.push(shrunk);
    excluded.add(shrunk.rule);
  }
  for (const example of examples(partitionCountMax)) {
    if (interrupted !== null) break;
    const found = await evaluate(example);
    if (found !== null) {
      findings.push(found);
      excluded.add(found.rule);
    }
  }
  const interruption = interrupted as ContractFinding | null;
  if (interruption !== null && !findings.some((f) => f.rule === interruption.rule)) findings.push(interruption);
  findings.sort((a, b) => CONTRACT_RULES.indexOf(a.rule) - CONTRACT_RULES.indexOf(b.rule));
  return { plugin: handle.name, module: handle.modulePath, style: handle.style, seed, rules, passed: findings.length === 0, findings, stoppedEarly: interruption !== null };
}
