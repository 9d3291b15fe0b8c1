/**
 * What the contract checks and the comparison call: an assignor behind a guard. A call never
 * throws; it returns the canonical output or the rule the call broke. Built-ins run in process;
 * plugins run in a worker thread (checker/plugins/assignorPlugin.ts) and implement the same
 * interface.
 */
import { describeThrown } from '../plugins/loadModule.ts';
import type { Assignor, AssignorInput, AssignorOutput, RebalanceProtocol } from '../../model/assignors/types.ts';
import { normalizeAssignorResult } from './normalize.ts';
import type { RuleBreach } from './rules.ts';

export type CallOutcome = { ok: true; output: AssignorOutput } | { ok: false; breach: RuleBreach };

export interface AssignorSubject {
  /** How reports name it: the module path as given for a plugin, the protocol name for a built-in. */
  readonly plugin: string;
  /** The protocol name the assignor advertises. */
  readonly name: string;
  readonly style: 'built-in' | 'kmc' | 'kafkajs';
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /** Whether it promises balance (Assignor.balanced); the balance check is skipped otherwise. */
  readonly balanced: boolean;
  call(input: AssignorInput): CallOutcome;
}

/** A kmc-style assignor called in process, every outcome caught. */
export function inProcessSubject(assignor: Assignor, plugin: string = assignor.name, style: AssignorSubject['style'] = 'built-in'): AssignorSubject {
  return {
    plugin,
    name: assignor.name,
    style,
    supportedProtocols: [...assignor.supportedProtocols],
    balanced: assignor.balanced !== false,
    call(input: AssignorInput): CallOutcome {
      let raw: unknown;
      try {
        raw = assignor.assign(structuredClone(input));
      } catch (thrown) {
        return { ok: false, breach: { rule: 'threw', detail: `assign() threw: ${describeThrown(thrown)}` } };
      }
      const normalized = normalizeAssignorResult(raw, input);
      return normalized.ok ? normalized : { ok: false, breach: normalized.breach };
    },
  };
}
