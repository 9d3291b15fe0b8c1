import { describe, expect, it } from 'vitest';
import { PluginLoadError, loadModule, resolveModulePath } from '../../../checker/plugins/loadModule.ts';

const fixtures = 'test/fixtures/partitioners';

async function loadError(path: string): Promise<PluginLoadError> {
  const thrown = await loadModule(path).then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(PluginLoadError);
  return thrown as PluginLoadError;
}

describe('loadModule', () => {
  it.each([
    ['kmc-hash.js', 'default'],
    ['kmc-hash.mjs', 'partitioner'],
    ['kmc-hash.cjs', 'default'],
    ['kmc-hash.ts', 'partitioner'],
    ['kmc-hash.mts', 'default'],
  ])('loads %s (relative to the working directory) and exposes `%s`', async (file, exportName) => {
    const namespace = await loadModule(`${fixtures}/${file}`);
    expect(namespace[exportName]).toBeDefined();
  });

  it('loads p.js, not a sibling p.ts, for a .js path', async () => {
    const namespace = await loadModule(`${fixtures}/kmc-hash.js`);
    expect((namespace.default as { name: string }).name).toBe('kmc-hash-js');
    expect(namespace.partitioner).toBeUndefined();
  });

  it('resolves relative paths against the given cwd', () => {
    expect(resolveModulePath('p.ts', '/somewhere')).toBe('/somewhere/p.ts');
    expect(resolveModulePath('/abs/p.ts', '/somewhere')).toBe('/abs/p.ts');
  });

  it('reports a module that does not exist', async () => {
    const error = await loadError(`${fixtures}/does-not-exist.ts`);
    expect(error.rule).toBe('module-not-found');
    expect(error.message).toContain(`${fixtures}/does-not-exist.ts: module not found`);
  });

  it('reports a module that throws while loading, with its message', async () => {
    const error = await loadError(`${fixtures}/throws-on-load.mjs`);
    expect(error.rule).toBe('threw-while-loading');
    expect(error.message).toBe(`${fixtures}/throws-on-load.mjs: threw while loading: boom while loading the partitioner`);
  });

  it('reports an unsupported extension', async () => {
    const error = await loadError('package.json');
    expect(error.rule).toBe('unsupported-extension');
  });
});
