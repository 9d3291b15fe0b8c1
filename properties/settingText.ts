/**
 * A config setting as a guarantee's `because` names it: `acks=1`; and when model.kafka.version
 * chose that value (the user did not set the key), the release and the change that replaced it:
 * `acks=1 (the default before Kafka 3.0, KIP-679; model.kafka.version=2.7)`.
 */
import { configValueText, versionOrigin, type ConfigKey, type KmcConfig } from '../model/config.ts';

export function settingText(config: KmcConfig, key: ConfigKey): string {
  const text = `${key}=${configValueText(key, config[key])}`;
  const origin = versionOrigin(config, key);
  if (origin === null) return text;
  if (origin.next === null) return `${text} (the default of model.kafka.version=${origin.version})`;
  return `${text} (the default before Kafka ${origin.next.since}, ${origin.next.change}; model.kafka.version=${origin.version})`;
}
