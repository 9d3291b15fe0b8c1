import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutDir, parseCountFlag, parseEngineFlag, parseSeedFlag } from '../../../cli/flagValues.ts';

const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe('UsageError');
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('counts (--runs, --depth-max, --states-max)', () => {
  it('accepts whole numbers in range, with _ separators', () => {
    expect(parseCountFlag('--runs', '500', 1, 1000)).toBe(500);
    expect(parseCountFlag('--runs', '1_000', 1, 1000)).toBe(1000);
  });

  it.each(['0', '1001', '-3', '2.5', 'ten', '', '1e3'])('rejects %j', (raw) => {
    expect(failure(() => parseCountFlag('--runs', raw, 1, 1000))).toBe(`--runs ${raw}: must be a whole number from 1 to 1,000`);
  });
});

describe('--seed', () => {
  it('accepts what engines print: digits, words, slashes', () => {
    expect(parseSeedFlag('--seed', '42')).toBe('42');
    expect(parseSeedFlag('--seed', '42/run-17')).toBe('42/run-17');
  });

  it('rejects an empty seed, spaces, and more than 100 characters', () => {
    expect(failure(() => parseSeedFlag('--seed', ''))).toBe('--seed: the seed is empty');
    expect(failure(() => parseSeedFlag('--seed', 'a b'))).toBe('--seed a b: a seed is 1 to 100 characters without spaces');
    expect(failure(() => parseSeedFlag('--seed', 'x'.repeat(101)))).toMatch(/a seed is 1 to 100 characters without spaces$/);
  });
});

describe('--engine', () => {
  it('accepts random, guided, pbt and exhaustive', () => {
    for (const engine of ['random', 'guided', 'pbt', 'exhaustive']) expect(parseEngineFlag('--engine', engine)).toBe(engine);
  });

  it('rejects anything else', () => {
    expect(failure(() => parseEngineFlag('--engine', 'bfs'))).toBe('--engine bfs: must be random, guided, pbt or exhaustive');
  });
});

describe('--out', () => {
  const root = mkdtempSync(join(tmpdir(), 'kmc-out-'));

  it('accepts an existing directory, or a new one under a writable directory, without creating it', () => {
    expect(checkOutDir('--out', root)).toBe(root);
    expect(checkOutDir('--out', join(root, 'a', 'b'))).toBe(join(root, 'a', 'b'));
  });

  it('rejects a file, and a path under a file', () => {
    const file = join(root, 'file.txt');
    writeFileSync(file, 'x');
    expect(failure(() => checkOutDir('--out', file))).toBe(`--out ${file}: exists and is not a directory`);
    expect(failure(() => checkOutDir('--out', join(file, 'sub')))).toBe(`--out ${join(file, 'sub')}: ${file} is not a directory`);
  });

  it('rejects an empty path', () => {
    expect(failure(() => checkOutDir('--out', ''))).toBe('--out: the directory is empty');
  });

  it('rejects a directory it cannot write', () => {
    // Root ignores mode bits, so a chmod-ed directory would not do; /proc/sys refuses writes
    // to everyone (its access(W_OK) fails even for root). Elsewhere, a mode-0500 directory.
    const locked = process.getuid?.() === 0 ? '/proc/sys' : join(root, 'locked');
    if (locked !== '/proc/sys') {
      mkdirSync(locked);
      chmodSync(locked, 0o500);
    }
    expect(failure(() => checkOutDir('--out', locked))).toBe(`--out ${locked}: ${locked} is not writable`);
  });
});
