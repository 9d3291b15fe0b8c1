/**
 * `--vary KEY,...|all`: which config keys a fuzz campaign varies. `all` is every key of the base
 * scenario's model that has a range; a named key must be known, varied by kmc fuzz, and read by
 * that model. Every rule broken is a ConfigError (bad input, exit 2) naming the key.
 */
import { CONFIG_KEYS, ConfigError, KEY_SPECS, nearestKey, type ConfigKey } from '../../model/config.ts';
import { FUZZ_MODELS, FUZZ_SPACE, isExcluded, type FuzzModel, type KeyFuzz, type KeyRange } from './space.ts';

export const VARY_ALL = 'all';

/** The range of `key`, or null when it has none (excluded, or not in the space yet). */
export function rangeOf(key: ConfigKey): KeyRange<ConfigKey> | null {
  const fuzz = FUZZ_SPACE[key] as KeyFuzz<ConfigKey> | undefined;
  return fuzz === undefined || isExcluded(fuzz) ? null : fuzz;
}

/** Every key with a range that `model` reads, in CONFIG_KEYS order. */
export function keysOfModel(model: FuzzModel): ConfigKey[] {
  return CONFIG_KEYS.filter((key) => rangeOf(key)?.models.includes(model) ?? false);
}

/**
 * The keys to vary for a base scenario of `model`: `all` (alone or in the list), or the named
 * keys, each once, in CONFIG_KEYS order.
 */
export function varyKeys(model: FuzzModel, requested: readonly string[] | typeof VARY_ALL): ConfigKey[] {
  const names = requested === VARY_ALL ? [VARY_ALL] : requested.map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new ConfigError(`--vary: name at least one config key, or ${VARY_ALL}`);
  if (names.includes(VARY_ALL)) return keysOfModel(model);
  const keys = new Set<ConfigKey>();
  for (const name of names) {
    if (!(name in KEY_SPECS)) throw new ConfigError(`--vary ${name}: unknown config key; did you mean "${nearestKey(name)}"?`);
    const key = name as ConfigKey;
    const fuzz = FUZZ_SPACE[key] as KeyFuzz<ConfigKey> | undefined;
    if (fuzz === undefined) throw new ConfigError(`--vary ${key}: kmc fuzz has no range for this key yet`);
    if (isExcluded(fuzz)) throw new ConfigError(`--vary ${key}: kmc fuzz does not vary it: ${fuzz.excluded}`);
    if (!fuzz.models.includes(model)) {
      const other = FUZZ_MODELS.filter((m) => m !== model).join(', ');
      throw new ConfigError(`--vary ${key}: the ${model} model does not read it (it is a key of the ${other} model); the base scenario runs the ${model} model`);
    }
    keys.add(key);
  }
  return CONFIG_KEYS.filter((key) => keys.has(key));
}
