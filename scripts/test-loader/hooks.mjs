// `node --import ./scripts/test-loader/register.mjs` in a child process or worker thread started on a
// .ts file: a repository .ts module resolves to the JavaScript compile.mjs wrote for it (whose
// import.meta.url is still the source's); a .ts file it has not compiled (written after the
// compile) is transformed on demand; the tokenizer's token table is read from the file compile.mjs
// wrote, as the bundle's is (scripts/build.mjs).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RANK_TABLE_FILE, rankTableModule } from '../rank-table.mjs';

let root;
let cacheDir;
let rankTableUrl;

export function initialize(data) {
  root = data.rootUrl;
  cacheDir = data.cacheDir;
  rankTableUrl = new URL('src/engine/o200k-table.mjs', root).href;
}

async function transformed(url) {
  const { transform } = await import('esbuild');
  const source = await readFile(new URL(url), 'utf8');
  const out = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: fileURLToPath(url) });
  return out.code;
}

/**
 * A repository .ts module resolves to the JavaScript compile.mjs wrote for it, whose imports name
 * the compiled modules beside it (its import.meta.url is still the source's).
 */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const { url } = resolved;
  if (!url.startsWith(root) || !url.endsWith('.ts') || url.includes('/node_modules/')) return resolved;
  const compiled = `${cacheDir}${url.slice(root.length, -3)}.js`;
  return existsSync(compiled) ? { url: pathToFileURL(compiled).href, format: 'module', shortCircuit: true } : resolved;
}

export async function load(url, context, nextLoad) {
  if (url === rankTableUrl) {
    // src/engine/o200k-table.mjs as the bundle has it: a read of the table's file.
    const source = rankTableModule(JSON.stringify(`${cacheDir}${RANK_TABLE_FILE}`));
    return { format: 'module', source, shortCircuit: true };
  }
  if (url.startsWith('file://') && url.endsWith('.ts')) {
    let source;
    if (url.startsWith(root) && !url.includes('/node_modules/')) {
      source = await readFile(`${cacheDir}${url.slice(root.length, -3)}.js`, 'utf8').catch(() => undefined);
    }
    return { format: 'module', source: source ?? (await transformed(url)), shortCircuit: true };
  }
  // tsx allowed JSON imports without `with { type: 'json' }`; esbuild keeps the attribute, but the
  // fallback keeps both spellings working.
  if (url.startsWith(root) && url.endsWith('.json') && !url.includes('/node_modules/') && context.importAttributes?.type === undefined) {
    return { format: 'json', source: await readFile(new URL(url), 'utf8'), shortCircuit: true };
  }
  return nextLoad(url, context);
}
