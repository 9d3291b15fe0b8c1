/**
 * Side-by-side statistics for assignors (issue 4 item 8c), as data: every assignor goes through
 * the same seeded sequence of membership changes (members joining and leaving a group on fixed
 * topics), each change a rebalance in which members report what they own. Per assignor:
 * - load spread: max − min partitions per member once the rebalance is done;
 * - partitions moved: partitions whose owner, still in the group, lost them to another member;
 * - rounds to converge: assign() calls until nothing is withheld (cooperative; always 1 under
 *   eager), bounded by Kafka's 4 follow-up rounds.
 * A call that breaks a rule stops that assignor's sequence; the violation is returned.
 *
 * The sequence comes from model/kernel/rng.ts (seedrandom) under one seed, so every assignor sees
 * the same changes and a seed reproduces the table.
 */
import { createRng, subSeed } from '../../model/kernel/rng.ts';
import { topicPartitionKey } from '../../model/assignors/ordering.ts';
import type { AssignorInput, AssignorMember, AssignorTopic, RebalanceProtocol, TopicPartition } from '../../model/assignors/types.ts';
import { COOPERATIVE_FOLLOW_UP_ROUNDS_MAX } from './converge.ts';
import { judgeComplete, judgeValid, unassignedPartitions } from './judge.ts';
import { violationOf, type AssignorViolation } from './rules.ts';
import type { AssignorSubject } from './subject.ts';

export const COMPARE_SEED_DEFAULT = 'kmc-assignor-compare';

export interface MembershipChange {
  type: 'join' | 'leave';
  memberId: string;
  /** The joining member's subscription (empty for a leave). */
  topics: string[];
}

export interface CompareScenario {
  seed: string;
  topics: AssignorTopic[];
  /** Members present before the first change (they join together: the first rebalance). */
  initialMembers: Array<{ memberId: string; topics: string[] }>;
  changes: MembershipChange[];
}

export interface CompareScenarioOptions {
  seed?: string;
  /** Membership changes after the initial join (default 20). */
  changes?: number;
  /** 'equal' (default): everyone subscribes to every topic; 'any': each member a random non-empty subset. */
  subscriptions?: 'equal' | 'any';
  membersMax?: number;
}

export interface RebalanceStats {
  /** After which change (-1: the initial join). */
  change: number;
  loadSpread: number;
  moved: number;
  rounds: number;
}

export interface AssignorStats {
  plugin: string;
  name: string;
  protocol: RebalanceProtocol;
  rebalances: RebalanceStats[];
  loadSpreadMax: number;
  loadSpreadMean: number;
  movedTotal: number;
  movedMeanPerRebalance: number;
  movedMax: number;
  roundsMean: number;
  roundsMax: number;
  /** Rebalances still withholding partitions after Kafka's bound of follow-up rounds. */
  notConverged: number;
  /** The first rule broken, which ended this assignor's sequence. */
  violation: AssignorViolation | null;
}

export interface CompareResult {
  protocol: RebalanceProtocol;
  scenario: CompareScenario;
  stats: AssignorStats[];
}

const TOPICS = ['orders', 'payments', 'audit'];

/** The seeded membership sequence every assignor is run through. */
export function compareScenario(options: CompareScenarioOptions = {}): CompareScenario {
  const seed = options.seed ?? COMPARE_SEED_DEFAULT;
  const rng = createRng(subSeed(seed, 'assignor-compare'));
  const membersMax = options.membersMax ?? 8;
  const topics = TOPICS.map((name) => ({ name, partitionCount: 4 + rng.int(9) }));
  const subscription = (): string[] => {
    if (options.subscriptions !== 'any') return [...TOPICS];
    const chosen = TOPICS.filter(() => rng.chance(0.5));
    return chosen.length > 0 ? chosen : [rng.pick(TOPICS)];
  };
  let nextId = 0;
  const newMemberId = (): string => `consumer-${++nextId}`;
  const initialMembers = Array.from({ length: 3 }, () => ({ memberId: newMemberId(), topics: subscription() }));
  const present = initialMembers.map((member) => member.memberId);
  const changes: MembershipChange[] = [];
  for (let index = 0; index < (options.changes ?? 20); index++) {
    const join = present.length === 1 || (present.length < membersMax && rng.chance(0.5));
    if (join) {
      const memberId = newMemberId();
      present.push(memberId);
      changes.push({ type: 'join', memberId, topics: subscription() });
    } else {
      const memberId = present.splice(rng.int(present.length), 1)[0];
      changes.push({ type: 'leave', memberId, topics: [] });
    }
  }
  return { seed, topics, initialMembers, changes };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Runs one assignor through the scenario. */
export function runAssignorThroughScenario(subject: AssignorSubject, scenario: CompareScenario, protocol: RebalanceProtocol): AssignorStats {
  const subscriptions = new Map(scenario.initialMembers.map((member) => [member.memberId, member.topics]));
  const owned = new Map<string, TopicPartition[]>();
  const ownedGeneration = new Map<string, number>();
  let generation = 0;
  const rebalances: RebalanceStats[] = [];
  let notConverged = 0;
  let violation: AssignorViolation | null = null;

  const inputNow = (): AssignorInput => ({
    topics: scenario.topics.map((topic) => ({ ...topic })),
    members: [...subscriptions].map(
      ([memberId, topics]): AssignorMember => ({
        memberId,
        groupInstanceId: null,
        topics: [...topics],
        ownedPartitions: (owned.get(memberId) ?? []).map((tp) => ({ ...tp })),
        generation: ownedGeneration.get(memberId) ?? -1,
        rackId: null,
      }),
    ),
    protocol,
  });

  const rebalance = (change: number): boolean => {
    const ownerBefore = new Map<string, string>();
    for (const [memberId, partitions] of owned) for (const tp of partitions) ownerBefore.set(topicPartitionKey(tp), memberId);
    let rounds = 0;
    for (;;) {
      rounds++;
      generation++;
      const input = inputNow();
      const outcome = subject.call(input);
      const breach = outcome.ok ? [...judgeValid(input, outcome.output), ...judgeComplete(input, outcome.output, protocol)][0] : outcome.breach;
      if (!outcome.ok || breach !== undefined) {
        violation = violationOf(subject.plugin, input, breach ?? { rule: 'crashed', detail: 'no assignment' });
        return false;
      }
      for (const [memberId, partitions] of outcome.output.assignments) {
        owned.set(memberId, partitions);
        ownedGeneration.set(memberId, generation);
      }
      if (protocol === 'eager' || unassignedPartitions(input, outcome.output).length === 0) break;
      if (rounds > COOPERATIVE_FOLLOW_UP_ROUNDS_MAX) {
        notConverged++;
        break;
      }
    }
    let moved = 0;
    for (const [memberId, partitions] of owned) {
      for (const tp of partitions) {
        const before = ownerBefore.get(topicPartitionKey(tp));
        if (before !== undefined && before !== memberId && subscriptions.has(before)) moved++;
      }
    }
    const loads = [...subscriptions.keys()].map((memberId) => owned.get(memberId)?.length ?? 0);
    rebalances.push({ change, loadSpread: Math.max(...loads) - Math.min(...loads), moved, rounds });
    return true;
  };

  let going = rebalance(-1);
  scenario.changes.forEach((change, index) => {
    if (!going) return;
    if (change.type === 'join') {
      subscriptions.set(change.memberId, change.topics);
    } else {
      subscriptions.delete(change.memberId);
      owned.delete(change.memberId);
      ownedGeneration.delete(change.memberId);
    }
    going = rebalance(index);
  });

  const spreads = rebalances.map((stats) => stats.loadSpread);
  const moves = rebalances.map((stats) => stats.moved);
  const rounds = rebalances.map((stats) => stats.rounds);
  return {
    plugin: subject.plugin,
    name: subject.name,
    protocol,
    rebalances,
    loadSpreadMax: Math.max(0, ...spreads),
    loadSpreadMean: mean(spreads),
    movedTotal: moves.reduce((sum, value) => sum + value, 0),
    movedMeanPerRebalance: mean(moves),
    movedMax: Math.max(0, ...moves),
    roundsMean: mean(rounds),
    roundsMax: Math.max(0, ...rounds),
    notConverged,
    violation,
  };
}

/**
 * Runs every assignor that supports `protocol` through one seeded scenario. Typical use: a
 * plugin first, then the built-ins (builtInSubjects()).
 */
export function compareAssignors(subjects: readonly AssignorSubject[], protocol: RebalanceProtocol, options: CompareScenarioOptions = {}): CompareResult {
  const scenario = compareScenario(options);
  const stats = subjects.filter((subject) => subject.supportedProtocols.includes(protocol)).map((subject) => runAssignorThroughScenario(subject, scenario, protocol));
  return { protocol, scenario, stats };
}
