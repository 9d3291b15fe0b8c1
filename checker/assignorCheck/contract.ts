/**
 * Contract checks on direct calls (issue 4 item 8a): over fast-check-generated inputs, an
 * assignor must be
 * - valid: only existing partitions of subscribed topics, to members subscribed to them, known
 *   members only, no partition twice;
 * - complete: every subscribed partition assigned; under cooperative, the withheld partitions are
 *   exactly those moving away from a current owner, and re-running with the new ownership stops
 *   withholding within 4 rounds;
 * - deterministic: two calls with equal input give equal assignments;
 * - balanced (unless the assignor says it is not, like `range`): members with identical
 *   subscriptions differ by at most one partition (under cooperative, once converged).
 * A failure is shrunk by fast-check and returned as data with the shrunk input. One seed makes
 * every choice; `path` with the same seed replays the counterexample.
 *
 * A plugin that hangs or kills its thread ends the check at the first such input (each further
 * try would cost the whole time bound): no shrinking, later contracts skipped.
 */
import fc from 'fast-check';
import type { AssignorInput, AssignorOutput, RebalanceProtocol } from '../../model/assignors/types.ts';
import { assignorInputArbitrary } from './arbitraries.ts';
import { converge } from './converge.ts';
import { judgeBalanced, judgeComplete, judgeValid } from './judge.ts';
import { violationOf, type AssignorViolation, type RuleBreach } from './rules.ts';
import type { AssignorSubject } from './subject.ts';

export const CONTRACT_NAMES = ['valid', 'complete', 'deterministic', 'balanced'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export const CONTRACT_SEED_DEFAULT = 42;
export const CONTRACT_RUNS_DEFAULT = 100;

export interface ContractOptions {
  /** Default: cooperative if the assignor supports it, else eager. */
  protocol?: RebalanceProtocol;
  /** 'any' (default): each member its own subscription; 'equal': all the same. */
  subscriptions?: 'equal' | 'any';
  seed?: number;
  /** Generated inputs per contract. */
  runs?: number;
  contracts?: readonly ContractName[];
  /** fast-check replay path of an earlier counterexample (with its seed and contract). */
  path?: string;
}

export interface ContractCheck {
  contract: ContractName;
  status: 'passed' | 'violated' | 'skipped';
  /** Inputs tried before the verdict (fast-check's numRuns). */
  runs: number;
  /** fast-check's replay path for the counterexample, null when passed. */
  path: string | null;
  violation: AssignorViolation | null;
  /** Why a contract was skipped or passed without a check ("range does not promise balance"). */
  note: string | null;
}

export interface AssignorContractResult {
  plugin: string;
  name: string;
  style: AssignorSubject['style'];
  protocol: RebalanceProtocol;
  subscriptions: 'equal' | 'any';
  seed: number;
  status: 'passed' | 'violated';
  checks: ContractCheck[];
  violations: AssignorViolation[];
}

/** Bad usage (a protocol the assignor does not support): the CLI exits 2. */
export class ContractUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractUsageError';
  }
}

interface Finding {
  breach: RuleBreach;
  /** The input the assignor was given when it broke the rule. */
  input: AssignorInput;
  /** The breach came from the call itself (reported once across contracts). */
  fromCall: boolean;
}

function firstDifference(first: AssignorOutput, second: AssignorOutput): string {
  const secondByMember = new Map(second.assignments);
  for (const [memberId, partitions] of first.assignments) {
    const other = secondByMember.get(memberId) ?? [];
    const render = (list: typeof partitions): string => `[${list.map((tp) => `${tp.topic}-${tp.partition}`).join(', ')}]`;
    if (render(partitions) !== render(other)) return `${memberId} got ${render(partitions)} the first time and ${render(other)} the second`;
  }
  return 'the assignments differ';
}

function evaluate(contract: ContractName, subject: AssignorSubject, input: AssignorInput, protocol: RebalanceProtocol): Finding | null {
  const first = subject.call(input);
  if (!first.ok) return { breach: first.breach, input, fromCall: true };
  switch (contract) {
    case 'valid': {
      const [breach] = judgeValid(input, first.output);
      return breach === undefined ? null : { breach, input, fromCall: false };
    }
    case 'complete': {
      const [breach] = judgeComplete(input, first.output, protocol);
      if (breach !== undefined) return { breach, input, fromCall: false };
      if (protocol === 'eager') return null;
      const converged = converge(subject, input, first.output);
      return converged.breach === null ? null : { breach: converged.breach, input: converged.input, fromCall: false };
    }
    case 'deterministic': {
      const second = subject.call(structuredClone(input));
      if (!second.ok) return { breach: second.breach, input, fromCall: true };
      if (JSON.stringify(first.output) === JSON.stringify(second.output)) return null;
      return { breach: { rule: 'nondeterministic', detail: `two calls with equal input disagree: ${firstDifference(first.output, second.output)}` }, input, fromCall: false };
    }
    case 'balanced': {
      let final = { input, output: first.output };
      if (protocol === 'cooperative') {
        const converged = converge(subject, input, first.output);
        // Incomplete or unconverged assignments are the complete contract's to report.
        if (converged.breach !== null) return converged.breach.rule === 'not-converged' ? null : { breach: converged.breach, input: converged.input, fromCall: true };
        final = { input: converged.input, output: converged.output };
      }
      const [breach] = judgeBalanced(final.input, final.output);
      return breach === undefined ? null : { breach, input: final.input, fromCall: false };
    }
    default: {
      const unknown: never = contract;
      throw new Error(`unknown contract ${String(unknown)}`);
    }
  }
}

export function checkAssignorContract(subject: AssignorSubject, options: ContractOptions = {}): AssignorContractResult {
  const protocol = options.protocol ?? (subject.supportedProtocols.includes('cooperative') ? 'cooperative' : 'eager');
  if (!subject.supportedProtocols.includes(protocol)) {
    throw new ContractUsageError(`${subject.plugin} (${subject.name}) supports ${subject.supportedProtocols.join(', ')}, not the ${protocol} protocol`);
  }
  const subscriptions = options.subscriptions ?? 'any';
  const seed = options.seed ?? CONTRACT_SEED_DEFAULT;
  const runs = options.runs ?? CONTRACT_RUNS_DEFAULT;
  const contracts = options.contracts ?? CONTRACT_NAMES;
  const arbitrary = assignorInputArbitrary({ protocol, subscriptions });
  const reportedCallRules = new Set<string>();
  let fatal: string | null = null;
  const checks: ContractCheck[] = [];

  for (const contract of contracts) {
    if (fatal !== null) {
      checks.push({ contract, status: 'skipped', runs: 0, path: null, violation: null, note: fatal });
      continue;
    }
    if (contract === 'balanced' && !subject.balanced) {
      checks.push({ contract, status: 'skipped', runs: 0, path: null, violation: null, note: `${subject.name} does not promise balance` });
      continue;
    }
    let last: Finding | null = null;
    let stopped = false;
    const property = fc.property(arbitrary, (input) => {
      if (stopped) return true;
      const finding = evaluate(contract, subject, input, protocol);
      if (finding === null) return true;
      if (finding.fromCall && reportedCallRules.has(finding.breach.rule)) return true;
      last = finding;
      if (finding.breach.rule === 'timeout' || finding.breach.rule === 'crashed') stopped = true;
      return false;
    });
    const details = fc.check(property, { seed, numRuns: runs, ...(options.path !== undefined ? { path: options.path } : {}) });
    const found = last as Finding | null;
    if (!details.failed || found === null) {
      checks.push({ contract, status: 'passed', runs: details.numRuns, path: null, violation: null, note: null });
      continue;
    }
    if (found.fromCall) reportedCallRules.add(found.breach.rule);
    if (found.breach.rule === 'timeout' || found.breach.rule === 'crashed') fatal = `skipped: the plugin broke ${found.breach.rule} earlier (${found.breach.detail})`;
    checks.push({
      contract,
      status: 'violated',
      runs: details.numRuns,
      path: details.counterexamplePath ?? null,
      violation: violationOf(subject.plugin, found.input, found.breach),
      note: null,
    });
  }
  const violations = checks.flatMap((check) => (check.violation === null ? [] : [check.violation]));
  return {
    plugin: subject.plugin,
    name: subject.name,
    style: subject.style,
    protocol,
    subscriptions,
    seed,
    status: violations.length === 0 ? 'passed' : 'violated',
    checks,
    violations,
  };
}
