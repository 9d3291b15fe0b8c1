/**
 * The assignor contract, one name per rule (../shared/reference/clients.md §4.5 and issue 4
 * item 8a), grouped by the contract each belongs to. A violation is data: the plugin, the input
 * it was given, the rule broken, and the specifics.
 */
import type { AssignorInput } from '../../model/assignors/types.ts';

export const ASSIGNOR_RULES = [
  // The call itself.
  'threw',
  'timeout',
  'crashed',
  'malformed-result',
  'malformed-buffer',
  // valid
  'unknown-member',
  'unknown-topic',
  'unknown-partition',
  'unsubscribed-topic',
  'double-assigned',
  // complete
  'unassigned',
  'assigned-before-revoked',
  'not-converged',
  // deterministic
  'nondeterministic',
  // balanced
  'unbalanced',
] as const;
export type AssignorRule = (typeof ASSIGNOR_RULES)[number];

export const ASSIGNOR_CONTRACTS = ['call', 'valid', 'complete', 'deterministic', 'balanced'] as const;
export type AssignorContract = (typeof ASSIGNOR_CONTRACTS)[number];

export const RULE_CONTRACT: Record<AssignorRule, AssignorContract> = {
  threw: 'call',
  timeout: 'call',
  crashed: 'call',
  'malformed-result': 'call',
  'malformed-buffer': 'call',
  'unknown-member': 'valid',
  'unknown-topic': 'valid',
  'unknown-partition': 'valid',
  'unsubscribed-topic': 'valid',
  'double-assigned': 'valid',
  unassigned: 'complete',
  'assigned-before-revoked': 'complete',
  'not-converged': 'complete',
  nondeterministic: 'deterministic',
  unbalanced: 'balanced',
};

/** One line per rule, for reports. */
export const RULE_DOCS: Record<AssignorRule, string> = {
  threw: 'assign() must not throw',
  timeout: 'assign() must return within the time bound',
  crashed: 'the plugin must not end its thread (process.exit, an uncaught error)',
  'malformed-result': 'assign() must return the documented shape (kmc: {assignments}; KafkaJS: [{memberId, memberAssignment}])',
  'malformed-buffer': "KafkaJS metadata and assignments must decode with KafkaJS's AssignerProtocol",
  'unknown-member': 'assignments may name only members of the group',
  'unknown-topic': 'assignments may name only topics the cluster has',
  'unknown-partition': "assignments may name only partitions that exist (0 .. partition count - 1)",
  'unsubscribed-topic': 'a member may be given only partitions of topics it subscribes to',
  'double-assigned': 'a partition may be given to at most one member',
  unassigned: 'every partition of a subscribed topic must be assigned (cooperative: except those withheld while their owner revokes them)',
  'assigned-before-revoked': 'cooperative: a partition still owned by one member must not be given to another in the same round (KIP-429)',
  'not-converged': 'cooperative: re-running with the new ownership must stop withholding partitions within 4 rounds (Kafka CooperativeStickyAssignorTest.verifyValidityAndBalance)',
  nondeterministic: 'equal inputs must give equal assignments',
  unbalanced: 'when all members subscribe to the same topics, their loads must differ by at most one partition',
};

export interface AssignorViolation {
  /** The plugin as the user named it (module path), or the built-in's protocol name. */
  plugin: string;
  contract: AssignorContract;
  rule: AssignorRule;
  /** The rule broken, in words, with specifics. */
  detail: string;
  /** The input the plugin was given (the shrunk counterexample for contract checks). */
  input: AssignorInput;
}

/** A rule broken, before it is attributed to a plugin and an input. */
export interface RuleBreach {
  rule: AssignorRule;
  detail: string;
}

export function violationOf(plugin: string, input: AssignorInput, breach: RuleBreach): AssignorViolation {
  return { plugin, contract: RULE_CONTRACT[breach.rule], rule: breach.rule, detail: breach.detail, input };
}
