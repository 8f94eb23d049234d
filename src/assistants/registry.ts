// The ordered registry of assistants. Everything that knows an assistant reads it from here: rule discovery and its
// copy priority, the repository's rule files (and so the lint cache and the dashboard's watch list), citations of
// `@folder/…` in specs, the context engine's activation reasons, and what `techspec init` writes.
import type { Assistant } from './assistant.js';
import { agents } from './tools/agents.js';
import { amazonq } from './tools/amazonq.js';
import { amp } from './tools/amp.js';
import { augment } from './tools/augment.js';
import { crush } from './tools/crush.js';
import { goose } from './tools/goose.js';
import { junie } from './tools/junie.js';
import { kiro } from './tools/kiro.js';
import { qwen } from './tools/qwen.js';
import { trae } from './tools/trae.js';
import { zed } from './tools/zed.js';
import { claude } from './tools/claude.js';
import { cline } from './tools/cline.js';
import { codex } from './tools/codex.js';
import { continueDev } from './tools/continue.js';
import { copilot } from './tools/copilot.js';
import { cursor } from './tools/cursor.js';
import { gemini } from './tools/gemini.js';
import { kilo } from './tools/kilo.js';
import { opencode } from './tools/opencode.js';
import { roo } from './tools/roo.js';
import { windsurf } from './tools/windsurf.js';

/**
 * Priority order: which copy of a rule mirrored under several assistants' folders is reported (Kilo first, as the
 * template names its folder; then the tool-neutral AGENTS.md and `.agents/`), and the order rule locations are tried.
 */
export const ASSISTANTS: readonly Assistant[] = [
  kilo,
  agents,
  claude,
  cursor,
  cline,
  roo,
  windsurf,
  copilot,
  gemini,
  continueDev,
  opencode,
  codex,
  qwen,
  amp,
  augment,
  kiro,
  junie,
  amazonq,
  zed,
  goose,
  crush,
  trae,
];

/** Assistant ids in priority order. */
export const TOOL_PRIORITY: readonly string[] = ASSISTANTS.map((assistant) => assistant.id);

/** A tool's place in the priority order; tools outside the registry (the config's own rule files) come last. */
export function toolRank(id: string): number {
  const rank = TOOL_PRIORITY.indexOf(id);
  return rank < 0 ? TOOL_PRIORITY.length : rank;
}

export function assistantById(id: string): Assistant | undefined {
  return ASSISTANTS.find((assistant) => assistant.id === id);
}

/** The assistants that `techspec init` can set up, in registry order. */
export const INIT_ASSISTANTS: readonly Assistant[] = ASSISTANTS.filter(
  (assistant) => assistant.init !== undefined,
);

/**
 * The assistant folders that `@name/…` and `name/…` stand for in a spec (`@kilocode/rules/x.md` is
 * `.kilocode/rules/x.md`): group 1 is the folder name without its dot.
 */
export const ASSISTANT_FOLDERS = new RegExp(
  String.raw`^@?\.?(${[...new Set(ASSISTANTS.flatMap((assistant) => assistant.folders))]
    .sort((a, b) => b.length - a.length)
    .join('|')})(?=\/|$)`,
);
