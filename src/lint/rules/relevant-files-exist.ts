// Every path that Relevant Files lists exists in the repository, unless the spec marks it as a file still to create.
import { z } from 'zod';
import { projectPaths } from '../../workspace/project.js';
import { type PathIndex } from '../../workspace/paths.js';
import {
  basename,
  extension,
  isFileName,
  isGlob,
  normalizePath,
  type WrittenPath,
} from '../../text/paths.js';
import {
  EXISTING_MARKERS,
  NEW_MARKERS,
  listedPaths,
  type ListedPath,
} from '../../spec/facts/relevant-files.js';
import { defineRule } from '../rule.js';
import { trimEnd } from '../../text/scan.js';

export const relevantFilesExist = defineRule({
  id: 'relevant-files-exist',
  description:
    'Checks that every path listed under Relevant Files exists in the repository or is marked as new.',
  severity: 'error',
  strict: true,
  fixable: false,
  messages: {
    file: 'Missing file `{{path}}`, expected a file of the repository or a marker such as `(new)` for one to create',
    folder:
      'Missing folder `{{path}}`, expected a folder with files in the repository or a marker such as `(new)`',
    path: 'Missing path `{{path}}`, expected a file or folder of the repository or a marker such as `(new)`',
    pattern: 'Unmatched pattern `{{path}}`, expected it to match at least one file of the repository',
  },
  options: z.strictObject({
    /** Marks an entry, or a label over entries, as naming a file still to create: such paths are not checked. */
    newMarkers: z.array(z.string()).default([...NEW_MARKERS]),
    /** Marks an entry or label as naming existing files, overriding a new-file label further out. */
    existingMarkers: z.array(z.string()).default([...EXISTING_MARKERS]),
    /** Also check paths named in the description of an entry, after the path it lists. */
    checkMentions: z.boolean().default(false),
    /** Accept a partial path (`Domain/User.swift`, `engine.go`) when some file's path ends with it. */
    matchSuffix: z.boolean().default(true),
  }),
  check(doc, ctx) {
    const project = ctx.project;
    if (!project) return;
    const paths = projectPaths(project);
    const slash = ctx.relativePath.lastIndexOf('/');
    const specDir = slash < 0 ? '' : ctx.relativePath.slice(0, slash);
    const listedAll = listedPaths(doc, ctx.options);
    const where = {
      paths,
      specDir,
      matchSuffix: ctx.options.matchSuffix,
      absoluteRoot: absoluteRoot(listedAll, paths),
    };
    for (const listed of listedAll) {
      if (listed.isNew || (listed.mention && !ctx.options.checkMentions)) continue;
      if (exists(listed, where)) continue;
      // `.env`, `dist/`: git ignores them, so their absence from the listing says nothing.
      if (!listed.absolute && project.ignores?.(listed.path)) continue;
      const kind = kindOf(listed.path);
      const hint = kind === 'pattern' ? undefined : paths.closest(listed.path);
      ctx.report({
        messageId: kind,
        data: { path: listed.absolute ? `/${listed.path}` : listed.path },
        line: listed.line,
        column: listed.column,
        endColumn: listed.endColumn,
        ...(hint ? { hint: `Closest existing path: \`${hint}\`` } : {}),
      });
    }
  },
});

function kindOf(path: string): 'pattern' | 'folder' | 'file' | 'path' {
  if (isGlob(path)) return 'pattern';
  if (path.endsWith('/')) return 'folder';
  return extension(basename(path)) !== '' || isFileName(basename(path)) ? 'file' : 'path';
}

/** Repository-relative first, then from the spec's folder, then (optionally) as the tail of some path. */
function exists(written: WrittenPath, at: Where): boolean {
  const bare = trimEnd(written.path, '/');
  if (written.absolute) {
    if (found(at.paths, bare)) return true;
    if (at.absoluteRoot !== '' && bare.startsWith(`${at.absoluteRoot}/`)) {
      if (found(at.paths, bare.slice(at.absoluteRoot.length + 1))) return true;
    }
  } else {
    if (found(at.paths, bare)) return true;
    const relative = normalizePath(at.specDir === '' ? bare : `${at.specDir}/${bare}`);
    if (relative !== undefined && found(at.paths, relative)) return true;
  }
  // An elided path (`.../postgres/x.go`, `src/..._test.go`) exists when a file fits it with `...` read as a wildcard.
  if (bare.includes('...') || bare.includes('…')) {
    const glob = bare.replace(/(?:\.\.\.|…)\//g, '**/').replace(/\.\.\.|…/g, '*');
    if (globFinds(at.paths, glob) || globFinds(at.paths, `**/${glob}`)) return true;
  }
  if (!at.matchSuffix || bare.startsWith('../')) return false;
  if (isGlob(bare)) return globFinds(at.paths, `**/${bare}`);
  return at.paths.withSuffix(bare).length > 0 || at.paths.dirsWithSuffix(bare).length > 0;
}

interface Where {
  paths: PathIndex;
  specDir: string;
  matchSuffix: boolean;
  /** The folder that absolute paths in this spec take as the repository root (`home/me/repo`; '' for none). */
  absoluteRoot: string;
}

function found(paths: PathIndex, candidate: string): boolean {
  return (
    paths.hasFile(candidate) || paths.hasDir(candidate) || (isGlob(candidate) && globFinds(paths, candidate))
  );
}

/**
 * `/home/me/repo/src/a.ts` names the repository from some folder of the author's machine. Of the folders under
 * which some absolute path of the spec exists, the root is the one holding most of the spec's absolute paths,
 * then the shortest. (`/src/a.ts`, the repository's own `src/a.ts`, is tried before any root.)
 */
function absoluteRoot(listed: readonly ListedPath[], paths: PathIndex): string {
  const absolute = listed.filter((item) => item.absolute).map((item) => trimEnd(item.path, '/'));
  const roots = new Set<string>();
  for (const item of absolute) {
    const segments = item.split('/');
    for (let i = 1; i < segments.length; i++) {
      if (found(paths, segments.slice(i).join('/'))) roots.add(segments.slice(0, i).join('/'));
    }
  }
  const holds = (root: string): number => absolute.filter((item) => item.startsWith(`${root}/`)).length;
  return [...roots].sort((a, b) => holds(b) - holds(a) || a.length - b.length)[0] ?? '';
}

/** A glob finds files, or folders when its last part names no file (`internal/*`, `src/{api,web}`). */
function globFinds(paths: PathIndex, glob: string): boolean {
  if (paths.glob(glob).length > 0) return true;
  return extension(basename(glob)) === '' && paths.glob(`${glob}/**`).length > 0;
}
