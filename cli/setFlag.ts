/**
 * `--set key=value`: Kafka config overrides over a scenario's config. The syntax, the key and
 * the value's own rule are checked as soon as the flags are read; the rules that tie keys
 * together (replication.factor <= model.brokers, ...) once per scenario, before anything runs.
 */
import { ConfigError, KEY_SPECS, nearestKey, resolveConfig } from '../model/config.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { UsageError } from './usageError.ts';

export type SetOverrides = Record<string, string>;

/** Parses every `--set` value, in order (a later one for the same key wins). */
export function parseSetFlags(items: readonly string[]): SetOverrides {
  const overrides: SetOverrides = {};
  for (const item of items) {
    const equals = item.indexOf('=');
    if (equals === -1) throw new UsageError(`--set ${item}: expected key=value, such as --set acks=all`);
    const key = item.slice(0, equals).trim();
    const value = item.slice(equals + 1);
    if (key === '') throw new UsageError(`--set ${item}: the key before "=" is empty`);
    if (!(key in KEY_SPECS)) throw new UsageError(`--set ${item}: unknown config key "${key}"; did you mean "${nearestKey(key)}"?`);
    checkValueRule(key, value);
    overrides[key] = value;
  }
  return overrides;
}

/** The cross-key rules, for one scenario's config with the overrides on top. */
export function checkSetOnScenario(scenario: Scenario, overrides: SetOverrides): void {
  if (Object.keys(overrides).length === 0) return;
  try {
    resolveConfig(scenario.config, overrides);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(`scenario ${scenario.name} with ${formatSetFlags(overrides)}: ${error.message}`);
  }
}

/** "--set acks=1 --set retries=0", as the overrides would be typed. */
export function formatSetFlags(overrides: SetOverrides): string {
  return Object.entries(overrides).map(([key, value]) => `--set ${key}=${value}`).join(' ');
}

/**
 * The value's own rule (a whole number in range, true/false, one of the listed values). The
 * key alone is resolved over the defaults; a ConfigError about another key is a cross-key rule,
 * left for checkSetOnScenario.
 */
function checkValueRule(key: string, value: string): void {
  try {
    resolveConfig({ [key]: value });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const pair = `${key}=${value}`;
    if (error.message.startsWith(`${pair}: `)) throw new UsageError(`--set ${pair}: ${key} ${error.message.slice(pair.length + 2)}`);
    if (error.message.startsWith(`${key}: `)) throw new UsageError(`--set ${pair}: ${error.message.slice(key.length + 2)}`);
  }
}
