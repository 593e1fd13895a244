import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The type errors of in-memory files compiled with a project's own tsconfig, as if they sat
 * at the given paths in the tree, so a probe needs no file on disk.
 */
function typeErrors(configFile: string, probes: Record<string, string>): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, configFile), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!config) throw new Error(`${configFile} did not parse`);
  const sources = new Map(
    Object.entries(probes).map(([path, text]) => [resolve(root, path), text]),
  );
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, language, ...rest) => {
    const text = sources.get(fileName);
    return text === undefined
      ? getSourceFile(fileName, language, ...rest)
      : ts.createSourceFile(fileName, text, language);
  };
  host.fileExists = (fileName) => sources.has(fileName) || fileExists(fileName);
  host.readFile = (fileName) => sources.get(fileName) ?? readFile(fileName);
  const program = ts.createProgram({
    rootNames: [...sources.keys()],
    options: config.options,
    host,
  });
  const errors: Record<string, string[]> = {};
  for (const path of Object.keys(probes)) {
    const file = program.getSourceFile(resolve(root, path));
    errors[path] = ts
      .getPreEmitDiagnostics(program, file)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return errors;
}

// The server runs in Node and the web app in a browser; each is typed for its own world, so
// a browser global in server code, or a Node one in web code, fails the typecheck instead of
// failing at run time. Each world also accepts its own global, which shows a probe's error
// comes from the missing library and not from the probe itself.
describe('each program sees only its own runtime', () => {
  it('the server (tsconfig.json) has Node and no DOM', () => {
    const errors = typeErrors('tsconfig.json', {
      'src/probe-browser-global.ts': 'export const title = (): string => document.title;\n',
      'src/probe-node-global.ts':
        'export const home = (): string | undefined => process.env.HOME;\n',
    });
    expect(errors['src/probe-browser-global.ts']).toEqual([
      expect.stringContaining("Cannot find name 'document'"),
    ]);
    expect(errors['src/probe-node-global.ts']).toEqual([]);
  });

  it('the web app (web/tsconfig.app.json) has the DOM and no Node', () => {
    const errors = typeErrors('web/tsconfig.app.json', {
      'web/src/probe-node-global.ts':
        'export const home = (): string | undefined => process.env.HOME;\n',
      'web/src/probe-browser-global.ts': 'export const title = (): string => document.title;\n',
    });
    expect(errors['web/src/probe-node-global.ts']).toEqual([
      expect.stringContaining("Cannot find name 'process'"),
    ]);
    expect(errors['web/src/probe-browser-global.ts']).toEqual([]);
  });
});
