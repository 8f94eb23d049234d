// What the server asks the client to watch (config, template and other Markdown, the assistants' rule files, and
// created or deleted files for the listing), and which folder each reported change belongs to.
import { WatchKind, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver/node';
import { KILO_CONFIG_FILES } from '../assistants/kilo-config.js';
import { CONFIG_FILES } from '../workspace/config.js';
import { pathOf } from './analysis.js';
import type { FolderState } from './folder.js';

const EVERY_CHANGE = WatchKind.Create | WatchKind.Change | WatchKind.Delete;

export const WATCHERS: FileSystemWatcher[] = [
  ...[...CONFIG_FILES, ...KILO_CONFIG_FILES].map((name) => ({
    globPattern: `**/${name}`,
    kind: EVERY_CHANGE,
  })),
  // Templates and rule files: Markdown (`.md`, Cursor's `.mdc`), and the one-file rules (`.cursorrules`, `.clinerules`…).
  { globPattern: '**/*.{md,mdc,mdx}', kind: EVERY_CHANGE },
  { globPattern: '**/.*rules', kind: EVERY_CHANGE },
  { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
];

/** The changed paths, repository-relative, grouped by the folder that holds them (the innermost one). */
export function changedByFolder(
  changes: readonly FileEvent[],
  folders: readonly FolderState[],
): Map<FolderState, string[]> {
  const out = new Map<FolderState, string[]>();
  for (const change of changes) {
    const abs = pathOf(change.uri);
    if (abs === undefined) continue;
    let best: { folder: FolderState; rel: string } | undefined;
    for (const folder of folders) {
      const rel = folder.relative(abs);
      if (rel !== undefined && (best === undefined || folder.root.length > best.folder.root.length)) {
        best = { folder, rel };
      }
    }
    if (best) out.set(best.folder, [...(out.get(best.folder) ?? []), best.rel]);
  }
  return out;
}
