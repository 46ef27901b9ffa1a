// An esbuild plugin: in the bundles, an import from a barrel (src/<layer>/index.ts) imports from
// the modules that define the names instead. esbuild splits code by files: a module that imports
// one function from a barrel otherwise drags into its chunk every module that barrel re-exports
// (the report barrel brought Handlebars and the HTML report into `run` before its first request).
// The sources keep their barrels (test/package/barrels.test.ts); only the bundles' file graph changes.
//
// What is rewritten, line count kept so that source maps still point at the right lines:
//   import { a, b as c, type T } from '../layer/index.ts';   (the types are dropped)
//   const { a, b } = await import('../layer/index.ts');       (when a and b come from one module)
// A name the barrel does not re-export with `export { … } from` (its own code, `export *` from a
// module that is not a barrel) is still imported from the barrel.
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';

const EXPORT_FROM = /^export\s+(type\s+)?(\*|\{([^}]*)\})\s+from\s+'([^']+)';/gm;
const STATIC_IMPORT = /^import\s+\{([^}]*)\}\s+from\s+'([^']+\/index\.ts)';/gm;
const DYNAMIC_IMPORT = /(\{[^{}]*\})(\s*=\s*await\s+import\(\s*)'([^']+\/index\.ts)'/g;

const isBarrel = (path) => basename(path) === 'index.ts';

/** One specifier of a braced list: `a`, `a as b`, `type T` (undefined). */
function specifier(text) {
  const s = text.trim();
  if (!s || /^type\s/.test(s)) return undefined;
  const [name, local] = s.split(/\s+as\s+/);
  return { name, local: local ?? name };
}

/** A barrel's value exports: exported name → the module that defines it and its name there. */
function exportsOf(barrel, cache) {
  let map = cache.get(barrel);
  if (map) return map;
  map = new Map();
  cache.set(barrel, map);
  for (const m of readFileSync(barrel, 'utf8').matchAll(EXPORT_FROM)) {
    if (m[1]) continue;
    const target = resolve(dirname(barrel), m[4]);
    if (m[2] === '*') {
      if (isBarrel(target)) for (const [name, origin] of exportsOf(target, cache)) map.set(name, origin);
      continue;
    }
    for (const part of m[3].split(',')) {
      const s = specifier(part);
      if (!s) continue;
      const inner = isBarrel(target) ? exportsOf(target, cache).get(s.name) : { module: target, name: s.name };
      if (inner) map.set(s.local, inner);
    }
  }
  return map;
}

function relativeSpecifier(from, module) {
  const path = relative(dirname(from), module).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

const newlines = (text) => '\n'.repeat(text.split('\n').length - 1);

/** The source with its barrel imports pointing at the defining modules. */
export function rewriteBarrelImports(file, source, cache = new Map()) {
  const fromStatic = source.replace(STATIC_IMPORT, (whole, list, from) => {
    const barrel = resolve(dirname(file), from);
    const origins = exportsOf(barrel, cache);
    const byModule = new Map();
    const rest = [];
    for (const part of list.split(',')) {
      const s = specifier(part);
      if (!s) continue;
      const origin = origins.get(s.name);
      if (!origin) {
        rest.push(s.name === s.local ? s.name : `${s.name} as ${s.local}`);
        continue;
      }
      const names = byModule.get(origin.module) ?? [];
      names.push(origin.name === s.local ? origin.name : `${origin.name} as ${s.local}`);
      byModule.set(origin.module, names);
    }
    const imports = [...byModule].map(([module, names]) => `import { ${names.join(', ')} } from '${relativeSpecifier(file, module)}';`);
    if (rest.length > 0) imports.push(`import { ${rest.join(', ')} } from '${from}';`);
    return imports.join(' ') + newlines(whole);
  });
  return fromStatic.replace(DYNAMIC_IMPORT, (whole, pattern, between, from) => {
    const origins = exportsOf(resolve(dirname(file), from), cache);
    const names = pattern.slice(1, -1).split(',').map(specifier).filter(Boolean);
    const modules = new Set(names.map((s) => origins.get(s.name)?.module));
    const [module] = modules;
    if (modules.size !== 1 || module === undefined || names.some((s) => origins.get(s.name).name !== s.name)) return whole;
    return `${pattern}${between}'${relativeSpecifier(file, module)}'`;
  });
}

/** The plugin, for every TypeScript module under `srcDir` (absolute). */
export function barrelImports(srcDir) {
  return {
    name: 'barrel-imports',
    setup(build) {
      const cache = new Map();
      const inSrc = new RegExp(`^${srcDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\\\/].*\\.ts$`);
      build.onLoad({ filter: inSrc }, (args) => ({ contents: rewriteBarrelImports(args.path, readFileSync(args.path, 'utf8'), cache), loader: 'ts' }));
    },
  };
}
