/**
 * Reproductions of false alarms, run as a user would (kmc check --scenario FILE): each once
 * reported a violation "guaranteed by Kafka" that real Kafka does not have. Seeds are in the files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmc } from './kmc.ts';

describe('kmc check --scenario test/fixtures/scenarios/delivery-timeout-split.json (seed 1, 300 runs)', () => {
  it('holds: whole batches expire from their creation time, so acknowledged offsets stay right (issue 8)', () => {
    const out = mkdtempSync(join(tmpdir(), 'kmc-regression-'));
    const run = kmc(['check', '--scenario', 'test/fixtures/scenarios/delivery-timeout-split.json', '--out', out]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toMatch(/^✓ delivery-timeout-split holds \(300 runs/m);
    expect(run.code).toBe(0);
  });
});
