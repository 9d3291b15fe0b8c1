/**
 * Loads a plugin module by path: `.js`, `.mjs`, `.cjs` with Node's own `import()`, `.ts`, `.mts`,
 * `.cts` through tsx's ESM API (Node 20 cannot strip types; ../shared/TOOLCHAIN.md). Relative
 * paths resolve against the working directory. Every failure becomes a PluginLoadError naming
 * the module and the rule broken, never a crash.
 */
import { statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type PluginLoadRule = 'module-not-found' | 'unsupported-extension' | 'threw-while-loading' | 'hung-while-loading' | 'exports-nothing-usable';

/** A module kmc cannot use: the CLI exits 2. */
export class PluginLoadError extends Error {
  /** The module path as the user gave it. */
  readonly modulePath: string;
  readonly rule: PluginLoadRule;
  /** The rule broken, in words, with specifics ("threw while loading: boom"). */
  readonly detail: string;

  constructor(modulePath: string, rule: PluginLoadRule, detail: string) {
    super(`${modulePath}: ${detail}`);
    this.name = 'PluginLoadError';
    this.modulePath = modulePath;
    this.rule = rule;
    this.detail = detail;
  }
}

export const PLUGIN_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'] as const;
const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

export interface LoadModuleOptions {
  /** Base for relative paths (default: process.cwd()). */
  cwd?: string;
  /**
   * Imports a JavaScript module by file URL. Pass an `import()` made from plain JavaScript when
   * this file itself runs under tsx: tsx resolves a `.js` specifier imported from TypeScript to a
   * sibling `.ts` file, so `p.js` next to `p.ts` would load the wrong one.
   */
  importJs?: (url: string) => Promise<unknown>;
}

/** The absolute path a module path names. */
export function resolveModulePath(modulePath: string, cwd: string = process.cwd()): string {
  return isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath);
}

/** Renders anything thrown as one line. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message === '' ? thrown.name : `${thrown.name === 'Error' ? '' : `${thrown.name}: `}${thrown.message}`;
  try {
    return `non-Error value ${typeof thrown === 'string' ? JSON.stringify(thrown) : String(thrown)}`;
  } catch {
    return 'a value that cannot be printed';
  }
}

/** Checks that the path names an existing file with a supported extension; returns its absolute path. */
export function checkModulePath(modulePath: string, cwd?: string): string {
  const absolute = resolveModulePath(modulePath, cwd);
  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new PluginLoadError(modulePath, 'module-not-found', `module not found (looked for ${absolute})`);
  const extension = extname(absolute);
  if (!(PLUGIN_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new PluginLoadError(modulePath, 'unsupported-extension', `unsupported extension "${extension}": expected one of ${PLUGIN_EXTENSIONS.join(', ')}`);
  }
  return absolute;
}

/** Imports the module and returns its namespace (for CommonJS, `default` is `module.exports`). */
export async function loadModule(modulePath: string, options: LoadModuleOptions = {}): Promise<Record<string, unknown>> {
  const absolute = checkModulePath(modulePath, options.cwd);
  const url = pathToFileURL(absolute).href;
  try {
    if (TYPESCRIPT_EXTENSIONS.has(extname(absolute))) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, { parentURL: import.meta.url })) as Record<string, unknown>;
    }
    const importJs = options.importJs ?? ((specifier: string) => import(specifier));
    return (await importJs(url)) as Record<string, unknown>;
  } catch (thrown) {
    throw new PluginLoadError(modulePath, 'threw-while-loading', `threw while loading: ${describeThrown(thrown)}`);
  }
}
