/**
 * The README's table of config keys, rendered from KEY_SPECS and DEFAULTS so it cannot drift:
 * a test checks the README against it, and `npm run docs:config` rewrites the README's block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CONFIG_KEYS, DEFAULTS, KEY_SPECS, configToRecord, configValueText, type ConfigKey } from '../model/config.ts';
import { KAFKA_VERSIONS_TEXT, versionRuleOf } from '../model/kafkaVersion.ts';
import { DYNAMIC_KEY_NAMES } from '../model/dynamicConfig.ts';
import { formatCount } from '../reports/numbers.ts';

export const TABLE_BEGIN = '<!-- CONFIG-KEYS:BEGIN (generated from model/config.ts by npm run docs:config; do not edit) -->';
export const TABLE_END = '<!-- CONFIG-KEYS:END -->';

/** The markdown table: key, default, allowed values, meaning. */
export function renderConfigTable(): string {
  const defaults = configToRecord(DEFAULTS);
  const rows = CONFIG_KEYS.map((key) => `| \`${key}\` | ${cell(formatDefault(defaults[key]))} | ${cell(allowedValues(key))} | ${cell(meaning(key))} |`);
  return ['| Key | Default | Values | Meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The table block between the markers, or null when the README has no markers. */
export function extractConfigTable(readme: string): string | null {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin === -1 || end === -1 || end < begin) return null;
  return readme.slice(begin + TABLE_BEGIN.length, end).trim();
}

/** The README with the block between the markers replaced by the current table. */
export function replaceConfigTable(readme: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`README has no ${TABLE_BEGIN} ... ${TABLE_END} block`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length)}\n${renderConfigTable()}\n${readme.slice(end)}`;
}

/** The key's doc, and for a version-dependent key its default per release (model/kafkaVersion.ts). */
function meaning(key: ConfigKey): string {
  const rule = versionRuleOf(key);
  if (rule === undefined) return KEY_SPECS[key].doc;
  const steps = rule.steps.map((step, i) => {
    const value = `\`${String(configValueText(key, step.value as never))}\``;
    return i === 0 ? `${value} before ${rule.steps[1]?.since ?? 'any'}` : `${value} from ${step.since} (${step.change})`;
  });
  return `${KEY_SPECS[key].doc} Default by model.kafka.version: ${steps.join(', ')}.`;
}

function allowedValues(key: ConfigKey): string {
  const spec = KEY_SPECS[key];
  switch (spec.kind) {
    case 'int':
      return `${formatBound(spec.min!)} to ${formatBound(spec.max!)}`;
    case 'bool':
      return '`true`, `false`';
    case 'enum':
      return spec.values!.map((v) => `\`${v}\``).join(', ');
    case 'acks':
      return '`0`, `1`, `all` (or `-1`)';
    case 'faults':
      return 'comma-separated kinds, or `none`';
    case 'list':
      return `comma-separated, from ${spec.values!.map((v) => `\`${v}\``).join(', ')}${spec.empty ? ', or `none`' : ''}`;
    case 'plan':
      return 'partitions per record, `,` between records, `;` between producers';
    case 'subscriptions':
      return 'topic numbers per consumer, `,` between topics, `;` between consumers (empty: all)';
    case 'version':
      return KAFKA_VERSIONS_TEXT;
    case 'alterations':
      return `\`key=value\` pairs, comma-separated, of ${DYNAMIC_KEY_NAMES.map((k) => `\`${k}\``).join(', ')}; or \`none\``;
  }
}

function formatDefault(value: string | number | boolean): string {
  if (typeof value === 'number') return formatBound(value);
  if (value === '') return '(empty)';
  return `\`${String(value)}\``;
}

function formatBound(value: number): string {
  return value === Number.MAX_SAFE_INTEGER ? 'max' : formatCount(value);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** `npm run docs:config`: rewrite README.md's table. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, replaceConfigTable(readFileSync(path, 'utf8')));
  process.stdout.write('README.md: config keys table updated\n');
}
