// Module hooks for the planning thread when it runs from TypeScript sources (jest runs the service
// without a build): package imports resolve to their TypeScript sources, `./x.js` to `./x.ts`, and
// .ts files are transpiled with the project's TypeScript, cached on disk by content (a cold
// transpile of the engine takes seconds). Never used by the built service: dist holds .js files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'package.json'))) root = dirname(root);
const packageImports = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports ?? {};
const cacheDir = join(root, 'node_modules', '.cache', 'term-planner-thread');
// The thread needs only the engine (the lib's domain layer), not Nest and the use cases.
const threadImports = { '#scheduling': 'libs/scheduling/src/domain/index.ts' };
let typescript = null;

export async function resolve(specifier, context, next) {
  const mapped = threadImports[specifier] ?? packageImports[specifier]?.types;
  if (mapped) return { url: pathToFileURL(join(root, mapped)).href, shortCircuit: true };
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const url = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, 'utf8');
  const cached = join(cacheDir, `${createHash('sha256').update(fileName).update('\0').update(source).digest('hex')}.js`);
  if (existsSync(cached)) return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  typescript ??= (await import('typescript')).default;
  const { outputText } = typescript.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: typescript.ModuleKind.ESNext,
      target: typescript.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
    },
  });
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed, so a thread starting at the same time never reads half a file.
  const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(partial, outputText);
  await rename(partial, cached);
  return { format: 'module', source: outputText, shortCircuit: true };
}
