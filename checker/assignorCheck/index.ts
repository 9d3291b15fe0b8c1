/**
 * Assignor checks (issue 4 items 8a and 8c): contract checks on direct calls over generated
 * inputs, and side-by-side statistics against the built-ins. Plugins are loaded by
 * checker/plugins/assignorPlugin.ts and checked through the same AssignorSubject interface.
 */
import { BUILT_IN_ASSIGNORS } from '../../model/assignors/builtIns.ts';
import { inProcessSubject, type AssignorSubject } from './subject.ts';

export { ASSIGNOR_CONTRACTS, ASSIGNOR_RULES, RULE_CONTRACT, RULE_DOCS, violationOf } from './rules.ts';
export type { AssignorContract, AssignorRule, AssignorViolation, RuleBreach } from './rules.ts';
export { inProcessSubject, type AssignorSubject, type CallOutcome } from './subject.ts';
export { normalizeAssignorResult, type Normalized } from './normalize.ts';
export { judgeBalanced, judgeComplete, judgeValid, subscribedPartitions, unassignedPartitions } from './judge.ts';
export { assignorInputArbitrary, MEMBER_ID_POOL, TOPIC_POOL, type InputArbitraryOptions } from './arbitraries.ts';
export { converge, nextRoundInput, COOPERATIVE_FOLLOW_UP_ROUNDS_MAX, type Convergence } from './converge.ts';
export {
  checkAssignorContract,
  ContractUsageError,
  CONTRACT_NAMES,
  CONTRACT_RUNS_DEFAULT,
  CONTRACT_SEED_DEFAULT,
  type AssignorContractResult,
  type ContractCheck,
  type ContractName,
  type ContractOptions,
} from './contract.ts';
export {
  compareAssignors,
  compareScenario,
  runAssignorThroughScenario,
  COMPARE_SEED_DEFAULT,
  type AssignorStats,
  type CompareResult,
  type CompareScenario,
  type CompareScenarioOptions,
  type MembershipChange,
  type RebalanceStats,
} from './compare.ts';

/** The built-in assignors as in-process subjects, in BUILT_IN_ASSIGNORS order. */
export function builtInSubjects(): AssignorSubject[] {
  return BUILT_IN_ASSIGNORS.map((assignor) => inProcessSubject(assignor));
}
