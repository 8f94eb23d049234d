// What techspec knows of one AI coding assistant: where its rule files live and how they activate, how a repository
// shows it is set up for it, and what `techspec init` writes for it. One file per assistant under tools/; registry.ts
// orders them.
import type { RuleActivation, RuleCategory, RuleSource } from './rules/model.js';

/** A place where an assistant reads rule, workflow or skill files. */
export interface RuleLocationPattern {
  /** Matched against the path below its base folder; a `mode` group names a mode, a `skills` group a skills folder. */
  pattern: RegExp;
  category?: RuleCategory;
  /** Default activation (else `always`). */
  activation?: RuleActivation;
  /** Only at the repository root (Copilot, `docs/rules`); the rest also in nested folders (monorepos). */
  rootOnly?: boolean;
  /**
   * The front matter keys that decide activation here (`paths` for Claude Code, `globs` and `alwaysApply` for Cursor);
   * a file that holds only other assistants' keys is reported. Unset: the place reads no activation keys we know.
   */
  keys?: readonly string[];
}

/** A layout the assistant has moved away from: files there should move to `to` (a path, `$1` the first group). */
export interface LegacyLayout {
  pattern: RegExp;
  to: string;
  /** Whether the current release still reads the old place (a deprecation) or not any more (the file is dead). */
  read: boolean;
}

/** How the text of the create-techspec command is rendered for an assistant's command format. */
export type CommandFormat =
  /** Markdown with `description` and `argument-hint` front matter; `$ARGUMENTS` (Claude Code). */
  | 'markdown-arguments'
  /** Markdown with `description` front matter only (Kilo checks its command keys); `$ARGUMENTS` (Kilo, OpenCode). */
  | 'kilo-command'
  /** Plain Markdown; the words typed after the command follow the text (Cursor, Cline, legacy Kilo workflows). */
  | 'markdown-plain'
  /** Markdown with `description` front matter and no argument placeholder (Windsurf workflows). */
  | 'markdown-described'
  /** A VS Code prompt file: `description` and `agent: agent` front matter, `${input:feature}` (Copilot). */
  | 'copilot-prompt'
  /** A TOML command with `description` and `prompt`, `{{args}}` (Gemini CLI). */
  | 'gemini-toml';

export interface CommandTarget {
  path: string;
  format: CommandFormat;
}

/** Where an MCP server entry goes: a JSON/JSONC object (`container` holds the servers) or a TOML table. */
export interface McpTarget {
  path: string;
  container: string;
  entry: Record<string, unknown>;
  /** `toml`: the entry is the table `[<container>.techspec]` (Codex); default `jsonc`. */
  syntax?: 'jsonc' | 'toml';
}

/** What init writes for an assistant: its command files and its MCP entry (or a note saying where to add it). */
export interface InitPlan {
  commands: CommandTarget[];
  mcp?: McpTarget;
  mcpNote?: string;
}

export interface InitContext {
  /** The repository root. */
  root: string;
  /** The command line that starts techspec (`['npx', 'techspec']`). */
  command: readonly string[];
  /** The command file's base name (`create-techspec`). */
  name: string;
  /** Whether a file or folder exists, relative to the root. */
  exists(rel: string): boolean;
}

export interface Assistant {
  /** Short id used in `--agents`, in `RuleSource.tool` and in JSON output. */
  id: string;
  label: string;
  /**
   * Dot folders the assistant owns, without the dot (`kilocode`): what `@kilocode/rules/x.md` and `kilocode/rules/x.md`
   * stand for in a spec, and what marks a repository set up for it.
   */
  folders: readonly string[];
  /** Other files or folders whose presence says a repository uses the assistant. */
  markers?: readonly string[];
  /** Where it reads rule, workflow and skill files; the first pattern that matches a path wins. */
  locations: readonly RuleLocationPattern[];
  /** Layouts it has moved away from, with the move to make (`techspec rules --check`). */
  legacy?: readonly LegacyLayout[];
  /** Why it loads an always-on rule for every task, as its own setting or convention says. */
  alwaysWhy?(source: RuleSource): string;
  /** What `techspec init --agents <id>` writes; absent when init does not set the assistant up. */
  init?(context: InitContext): InitPlan;
}

// Files the assistants read as text; scripts and images beside rules and skills are not rules.
export const TEXT = String.raw`[^/]*\.(?:md|mdc|mdx|markdown|txt)|[^/.]+`;
export const MD = String.raw`[^/]+\.md`;
// Skills hold scripts too, some without an extension: only their documents count.
export const DOC = String.raw`[^/]*\.(?:md|mdx|markdown|txt)`;
export const MODE = String.raw`(?<mode>[^/]+)`;

/** Any file of `folder` (a regex source), at any depth, whose name matches `name`. */
export function under(folder: string, name = TEXT): RegExp {
  return new RegExp(String.raw`^${folder}/(?:[^/]+/)*(?:${name})$`);
}

/** Exactly the file `name` (a regex source). */
export function file(name: string): RegExp {
  return new RegExp(`^${name}$`);
}

/** A stdio MCP entry in the common `{command, args}` shape. */
export function stdioEntry(context: InitContext, ...extra: string[]): { command: string; args: string[] } {
  const [command = 'npx', ...args] = context.command;
  return { command, args: [...args, 'mcp', ...extra] };
}
