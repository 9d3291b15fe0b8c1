/** `kmc scenarios --json` entries say which model they run, so one saved as a scenario file runs the same model. */
import { describe, expect, it } from 'vitest';
import { formatScenariosJson } from '../../../cli/scenarios.ts';
import { BUILTIN_SCENARIOS } from '../../../scenarios/registry.ts';
import { parseScenarioObject } from '../../../scenarios/file.ts';
import { PROPERTY_NAMES } from '../../../index.ts';

describe('kmc scenarios --json', () => {
  it('gives every scenario its model, and an entry saved as kmc-scenario/1 parses back to that model', () => {
    const listed = (JSON.parse(formatScenariosJson(BUILTIN_SCENARIOS)) as { scenarios: Record<string, unknown>[] }).scenarios;
    expect(listed.find((s) => s.name === 'acks-1-leader-crash')?.model).toBe('cluster');
    expect(listed.find((s) => s.name === 'group-member-crash')?.model).toBe('group');
    for (const entry of listed) {
      const parsed = parseScenarioObject({ format: 'kmc-scenario/1', ...entry }, 'saved.json', PROPERTY_NAMES);
      expect(parsed.model ?? 'cluster').toBe(entry.model);
    }
  });
});
