/**
 * Every built-in scenario meets its expectation with its pinned seed, through the library API a
 * user's own vitest suite would call.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, runScenario } from '../../index.ts';

describe('built-in scenarios, pinned seeds', () => {
  for (const scenario of BUILTIN_SCENARIOS) {
    const expectation = scenario.expect === 'hold' ? 'holds' : `violates ${scenario.expect.join(', ')}`;
    it(`${scenario.name} ${expectation} (seed ${scenario.seed})`, async () => {
      const result = await runScenario(scenario, { outDir: null });
      expect(result.internalError).toBeNull();
      expect(result.verdict).toBe('as-expected');
      if (scenario.expect === 'hold') {
        expect(result.violations).toEqual([]);
      } else {
        const found = result.violations.map((v) => v.property);
        for (const property of scenario.expect) expect(found).toContain(property);
        // Everything else found is something Kafka does not promise under this config.
        for (const violation of result.violations) if (!scenario.expect.includes(violation.property)) expect(violation.guaranteed).toBe(false);
      }
    }, 120_000);
  }
});
