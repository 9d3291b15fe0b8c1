/**
 * The shape of a group-model property: the same as properties/property.ts (one detector per
 * file, cases as data, prose from explain()), over the group model's state.
 */
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';

interface GroupPropertyBase {
  /** Stable kebab-case name. */
  name: string;
  /** One-line definition. */
  doc: string;
  guaranteedWhen(config: KmcConfig): Guarantee;
  explain(c: Case): string;
  /** A report rather than a rule (consumer lag): judged only when the config's model.report names it. */
  informational?: boolean;
}

/** Checked after every step. Its no-violation path returns NO_CASES and allocates nothing. */
export interface GroupStateProperty extends GroupPropertyBase {
  kind: 'state';
  check(state: GroupModelState): Case[];
}

/** Checked once the final read is done, on the history and the ghost. */
export interface GroupHistoryProperty extends GroupPropertyBase {
  kind: 'history';
  check(state: GroupModelState): Case[];
}

export type GroupProperty = GroupStateProperty | GroupHistoryProperty;

/** "p0", "p0 and p2", "p0, p1 and p2". */
export function partitionsPhrase(partitions: readonly number[]): string {
  const names = partitions.map((p) => `p${p}`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "3", "3 and 4", "3, 4 and 5". */
export function numbersPhrase(numbers: readonly number[]): string {
  const texts = numbers.map(String);
  if (texts.length <= 1) return texts.join('');
  return `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
}
