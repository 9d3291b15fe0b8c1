/**
 * The cooperative follow-up (KIP-429): after a round that withheld partitions, their owners
 * revoke them and rejoin; the next rebalance runs the assignor again with every member owning
 * exactly what it was given, in a new generation. Kafka's own tests allow at most 4 such
 * re-runs (Kafka:clients/src/test/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignorTest.java
 * `verifyValidityAndBalance`).
 */
import type { AssignorInput, AssignorOutput } from '../../model/assignors/types.ts';
import { judgeComplete, judgeValid, unassignedPartitions } from './judge.ts';
import type { RuleBreach } from './rules.ts';
import type { AssignorSubject } from './subject.ts';

/** Kafka's bound on follow-up rebalances in CooperativeStickyAssignorTest. */
export const COOPERATIVE_FOLLOW_UP_ROUNDS_MAX = 4;

/** The input of the next rebalance: each member owns what it was given, one generation later. */
export function nextRoundInput(input: AssignorInput, output: AssignorOutput): AssignorInput {
  const given = new Map(output.assignments);
  const generation = Math.max(-1, ...input.members.map((member) => member.generation)) + 1;
  return {
    ...input,
    topics: input.topics.map((topic) => ({ ...topic })),
    members: input.members.map((member) => ({
      ...member,
      topics: [...member.topics],
      ownedPartitions: (given.get(member.memberId) ?? []).map((tp) => ({ ...tp })),
      generation,
    })),
  };
}

export interface Convergence {
  /** The last round's input and output (the converged assignment when `breach` is null). */
  input: AssignorInput;
  output: AssignorOutput;
  /** Assignor calls made, the first included. */
  rounds: number;
  /** A call failure, an invalid or incomplete follow-up round, or `not-converged`. */
  breach: RuleBreach | null;
}

/** Re-runs the assignor until it withholds nothing, judging each follow-up round. */
export function converge(subject: AssignorSubject, input: AssignorInput, output: AssignorOutput): Convergence {
  let current = { input, output };
  for (let round = 2; round <= COOPERATIVE_FOLLOW_UP_ROUNDS_MAX + 1; round++) {
    if (unassignedPartitions(current.input, current.output).length === 0) return { ...current, rounds: round - 1, breach: null };
    const nextInput = nextRoundInput(current.input, current.output);
    const outcome = subject.call(nextInput);
    const prefix = `in follow-up round ${round} (members owning what round ${round - 1} gave them): `;
    if (!outcome.ok) return { input: nextInput, output: current.output, rounds: round, breach: { ...outcome.breach, detail: prefix + outcome.breach.detail } };
    const [breach] = [...judgeValid(nextInput, outcome.output), ...judgeComplete(nextInput, outcome.output, 'cooperative')];
    if (breach !== undefined) return { input: nextInput, output: outcome.output, rounds: round, breach: { ...breach, detail: prefix + breach.detail } };
    current = { input: nextInput, output: outcome.output };
  }
  const withheld = unassignedPartitions(current.input, current.output);
  if (withheld.length === 0) return { ...current, rounds: COOPERATIVE_FOLLOW_UP_ROUNDS_MAX + 1, breach: null };
  return {
    ...current,
    rounds: COOPERATIVE_FOLLOW_UP_ROUNDS_MAX + 1,
    breach: {
      rule: 'not-converged',
      detail: `still withholding ${withheld.map((tp) => `${tp.topic}-${tp.partition}`).slice(0, 5).join(', ')} after ${COOPERATIVE_FOLLOW_UP_ROUNDS_MAX} follow-up rebalances`,
    },
  };
}
