import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const services = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/services');

/** Every non-test source file under `dir`, as paths relative to src/services. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [relative(services, path)] : [];
  });
}

/** Which business area imports which: area -> the other areas it imports from. */
function areaImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(services)) {
    const area = file.split('/')[0]!;
    const text = readFileSync(join(services, file), 'utf8');
    for (const [, specifier] of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = relative(services, resolve(services, dirname(file), specifier!));
      if (target.startsWith('..')) continue;
      const other = target.split('/')[0]!;
      if (other !== area) edges.set(area, (edges.get(area) ?? new Set()).add(other));
    }
  }
  return edges;
}

function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (area: string, path: string[]): string[] | null => {
    state.set(area, 'open');
    for (const next of edges.get(area) ?? []) {
      if (state.get(next) === 'open') return [...path, next];
      if (!state.has(next)) {
        const found = visit(next, [...path, next]);
        if (found) return found;
      }
    }
    state.set(area, 'done');
    return null;
  };
  for (const area of edges.keys()) {
    if (!state.has(area)) {
      const found = visit(area, [area]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Services are grouped by business area, with shared machinery in platform/: the tree
 * shows the architecture only while no file sits loose and no two areas lean on each other.
 */
describe('services by business area', () => {
  it('keeps every service in an area folder', () => {
    expect(sourceFiles(services).filter((file) => !file.includes('/'))).toEqual([]);
  });

  it('has no cycle between areas', () => {
    expect(findCycle(areaImports())).toBeNull();
  });

  it('lets platform depend on no business area', () => {
    expect([...(areaImports().get('platform') ?? [])]).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['sales', new Set(['customers'])],
      ['customers', new Set(['sales'])],
    ]);
    expect(findCycle(edges)).toEqual(['sales', 'customers', 'sales']);
  });
});
