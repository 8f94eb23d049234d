// What a repository is built with: languages by file extension, dependencies from its package manifests.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { techsOfFile, techsOfPackage } from '../../text/techs.js';
import { cutAtMarker } from '../../text/scan.js';

export interface StackFacts {
  /** Technology ids (see TECHS) the files or the dependencies show, sorted. */
  techs: string[];
  /** Technology ids that files are written in, most files first. */
  languages: string[];
  /** Dependency names from the manifests, lower case, sorted, each once. */
  dependencies: string[];
  /** The manifests read, repository-relative. */
  manifests: string[];
  /** Manifests that could not be read or parsed, one line each. */
  problems: string[];
}

/** Manifests beyond this size are not read; neither are more than MAX_MANIFESTS of them (shallowest first). */
const MAX_MANIFEST_BYTES = 512 * 1024;
const MAX_MANIFESTS = 64;
const MANIFEST =
  /(?:^|\/)(?:package\.json|go\.mod|pom\.xml|[^/]+\.csproj|requirements[\w.-]*\.txt|pyproject\.toml)$/;
// Folders whose manifests describe someone else's code or test fixtures, not the repository's stack.
const FOREIGN = /(?:^|\/)(?:node_modules|vendor|third_party|fixtures?|examples?|testdata)\//;

/** The stack of the repository at `root`, whose files (repository-relative, `/`) are `files`. Never throws. */
export function detectStack(root: string, files: readonly string[]): StackFacts {
  const counts = new Map<string, number>();
  for (const file of files) {
    for (const tech of techsOfFile(file)) counts.set(tech.id, (counts.get(tech.id) ?? 0) + 1);
  }
  const languages = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || compare(a, b),
  );
  const manifests = files
    .filter((file) => MANIFEST.test(file) && !FOREIGN.test(file))
    .sort((a, b) => depth(a) - depth(b) || compare(a, b))
    .slice(0, MAX_MANIFESTS);
  const dependencies = new Set<string>();
  const problems: string[] = [];
  for (const manifest of manifests) {
    const text = readManifest(root, manifest, problems);
    if (text === undefined) continue;
    for (const name of dependenciesOf(manifest, text, problems)) dependencies.add(name.toLowerCase());
  }
  const techs = new Set(languages);
  for (const name of dependencies) for (const tech of techsOfPackage(name)) techs.add(tech.id);
  return {
    techs: [...techs].sort(compare),
    languages,
    dependencies: [...dependencies].sort(compare),
    manifests: manifests.sort(compare),
    problems,
  };
}

function readManifest(root: string, file: string, problems: string[]): string | undefined {
  try {
    const full = path.join(root, file);
    if (statSync(full).size > MAX_MANIFEST_BYTES) return undefined;
    return readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an unknown error';
    problems.push(
      `${file}: Cannot read the manifest (${code}), expected a readable file; its dependencies are ignored`,
    );
    return undefined;
  }
}

/** The dependency names a manifest declares; a broken one adds a problem and gives what could be read. */
export function dependenciesOf(file: string, text: string, problems: string[] = []): string[] {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (name === 'package.json') return npmDependencies(file, text, problems);
  if (name === 'go.mod') return goDependencies(text);
  if (name === 'pom.xml') return [...text.matchAll(/<artifactId>\s*([^<\s]+)\s*<\/artifactId>/g)].map(first);
  if (name.endsWith('.csproj')) {
    return [...text.matchAll(/<PackageReference\s+Include\s*=\s*"([^"]+)"/gi)].map(first);
  }
  if (name === 'pyproject.toml') return pythonDependencies(text);
  return requirementNames(text.split('\n'));
}

function npmDependencies(file: string, text: string, problems: string[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push(`${file}: Invalid JSON, expected a package manifest; its dependencies are ignored`);
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const out: string[] = [];
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const group = (parsed as Record<string, unknown>)[key];
    if (typeof group === 'object' && group !== null) out.push(...Object.keys(group));
  }
  return out;
}

/** Module paths of `require` lines and blocks, with their last segment that is not a major version (`pgx` of `…/pgx/v5`). */
function goDependencies(text: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = cutAtMarker(raw, '//').trim();
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (inBlock && line === ')') inBlock = false;
    const module = inBlock ? /^(\S+)\s+v\S+/.exec(line)?.[1] : /^require\s+(\S+)\s+v\S+/.exec(line)?.[1];
    if (!module) continue;
    const segments = module.split('/').filter((segment) => !/^v\d+$/.test(segment));
    out.push(module, segments.at(-1) ?? module);
  }
  return out;
}

/** `dependencies = ["fastapi>=0.1", …]` of [project], and the keys of Poetry's dependency tables. */
function pythonDependencies(text: string): string[] {
  const out: string[] = [];
  const list = /^[ \t]*dependencies[ \t]*=[ \t]*\[([^\]]*)\]/m.exec(text)?.[1];
  if (list) out.push(...requirementNames([...list.matchAll(/["']([^"']+)["']/g)].map(first)));
  let inPoetry = false;
  for (const line of text.split('\n')) {
    const table = /^\s*\[([^\]]+)\]/.exec(line)?.[1];
    if (table !== undefined) inPoetry = /^tool\.poetry\.(?:[\w-]+\.)*dependencies$/.test(table.trim());
    else if (inPoetry) {
      const key = /^\s*([A-Za-z0-9_.-]+)\s*=/.exec(line)?.[1];
      if (key && key !== 'python') out.push(key);
    }
  }
  return out;
}

/** Package names of requirement lines (`Django>=4.2`, `fastapi[all]==0.1`), comments and options skipped. */
function requirementNames(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const name = /^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)/.exec(cutAtMarker(line, '#'))?.[1];
    return name && !line.trim().startsWith('-') ? [name] : [];
  });
}

function first(match: RegExpMatchArray): string {
  return match[1] ?? '';
}

function depth(file: string): number {
  return file.split('/').length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
