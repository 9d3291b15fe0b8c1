/**
 * A config's changes from its base: config keys and their values as a scenario file writes them
 * ("acks": "all", "model.faults": "kill,drop"), in CONFIG_KEYS order.
 */
export type ConfigValue = string | number | boolean;

export type ConfigChanges = Record<string, ConfigValue>;

/** "linger.ms=1000, model.records=100" (an empty value as ""), or "no key changed". */
export function changesText(changes: ConfigChanges): string {
  const pairs = Object.entries(changes).map(([key, value]) => `${key}=${value === '' ? '""' : value}`);
  return pairs.length ? pairs.join(', ') : 'no key changed';
}

/** True when every change in `part` is also in `whole`, with the same value. */
export function isPartOf(part: ConfigChanges, whole: ConfigChanges): boolean {
  return Object.entries(part).every(([key, value]) => Object.hasOwn(whole, key) && whole[key] === value);
}

/** The changes to `keys` only. */
export function pickChanges(changes: ConfigChanges, keys: readonly string[]): ConfigChanges {
  return Object.fromEntries(Object.entries(changes).filter(([key]) => keys.includes(key)));
}

/** The changes as --set values. */
export function asSetFlags(changes: ConfigChanges): Record<string, string> {
  return Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, String(value)]));
}
