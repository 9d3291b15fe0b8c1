import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_BEGIN, TABLE_END, extractConfigTable, renderConfigTable, replaceConfigTable } from '../../../cli/configTable.ts';
import { CONFIG_KEYS } from '../../../model/config.ts';

describe('the config keys table', () => {
  it('has one row per key, with its default and its values', () => {
    const table = renderConfigTable();
    const rows = table.split('\n').slice(2);
    expect(rows.map((row) => row.split('`')[1])).toEqual(CONFIG_KEYS);
    expect(table).toContain('| `acks` | `all` | `0`, `1`, `all` (or `-1`) |');
    expect(table).toContain('| `model.brokers` | 3 | 1 to 7 |');
    expect(table).toContain('| `flush.messages` | max | 1 to max |');
  });

  it('in README.md is the one model/config.ts gives (npm run docs:config rewrites it)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(extractConfigTable(readme)).toBe(renderConfigTable());
  });

  it('replaces only what is between the markers', () => {
    const readme = `before\n${TABLE_BEGIN}\nold table\n${TABLE_END}\nafter\n`;
    expect(replaceConfigTable(readme)).toBe(`before\n${TABLE_BEGIN}\n${renderConfigTable()}\n${TABLE_END}\nafter\n`);
    expect(extractConfigTable('no markers')).toBeNull();
    expect(() => replaceConfigTable('no markers')).toThrow(/README has no/);
  });
});
