// Where each assistant keeps its rule files, and what a path in one of those places is: tool, category, mode, scope.
import type { RuleActivation, RuleCategory, RuleTool } from './model.js';

/** What a rule file's path alone says about it; the file's front matter may refine the activation. */
export interface RuleLocation {
  tool: RuleTool;
  category: RuleCategory;
  /** The activation when the file's front matter says nothing. */
  activation: RuleActivation;
  mode?: string;
  /** The folder below the root that holds the tool folder or the AGENTS.md-like file. */
  folder?: string;
  /** The skill folder, for a file of a skill. */
  skill?: string;
}

interface Location {
  tool: RuleTool;
  /** Matched against the path below its base folder; a `mode` group names a mode, a `skills` group a skills folder. */
  pattern: RegExp;
  category?: RuleCategory;
  /** Default activation (else `always`). */
  activation?: RuleActivation;
  /** Copilot and `docs/rules` count only at the repository root; the rest also in nested folders (monorepos). */
  rootOnly?: boolean;
}

// Files the assistants read as text; scripts and images beside rules and skills are not rules.
const TEXT = String.raw`[^/]*\.(?:md|mdc|mdx|markdown|txt)|[^/.]+`;
const MD = String.raw`[^/]+\.md`;
// Skills hold scripts too, some without an extension: only their documents count.
const DOC = String.raw`[^/]*\.(?:md|mdx|markdown|txt)`;
const MODE = String.raw`(?<mode>[^/]+)`;

/** Any file of `folder` (a regex source), at any depth, whose name matches `name`. */
function under(folder: string, name = TEXT): RegExp {
  return new RegExp(String.raw`^${folder}/(?:[^/]+/)*(?:${name})$`);
}

function file(name: string): RegExp {
  return new RegExp(`^${name}$`);
}

// Order matters: the first location that matches a path wins (workflows before the rules folder that holds them).
const LOCATIONS: readonly Location[] = [
  { tool: 'kilo', pattern: under(String.raw`\.(?:kilocode|kilo)/rules`) },
  { tool: 'kilo', pattern: under(String.raw`\.(?:kilocode|kilo)/rules-${MODE}`) },
  { tool: 'kilo', pattern: file(String.raw`\.kilocoderules(?:-${MODE})?`) },
  {
    tool: 'kilo',
    pattern: under(String.raw`\.(?:kilocode|kilo)/(?:workflows|commands?|agents?)`),
    category: 'workflow',
  },
  { tool: 'kilo', pattern: under(String.raw`(?<skills>\.(?:kilocode|kilo)/skills)`, DOC), category: 'skill' },
  { tool: 'claude', pattern: file(String.raw`(?:\.claude/)?CLAUDE(?:\.local)?\.md`) },
  { tool: 'claude', pattern: under(String.raw`\.claude/rules`, MD) },
  { tool: 'claude', pattern: under(String.raw`\.claude/(?:commands|agents)`, MD), category: 'workflow' },
  { tool: 'claude', pattern: under(String.raw`(?<skills>\.claude/skills)`, DOC), category: 'skill' },
  { tool: 'cursor', pattern: file(String.raw`\.cursorrules`) },
  {
    tool: 'cursor',
    pattern: under(String.raw`\.cursor/rules`, String.raw`[^/]+\.mdc?`),
    activation: 'manual',
  },
  { tool: 'cursor', pattern: under(String.raw`\.cursor/commands`, MD), category: 'workflow' },
  { tool: 'cursor', pattern: under(String.raw`(?<skills>\.cursor/skills)`, DOC), category: 'skill' },
  { tool: 'cline', pattern: file(String.raw`\.clinerules`) },
  { tool: 'cline', pattern: under(String.raw`\.clinerules/workflows`), category: 'workflow' },
  { tool: 'cline', pattern: under(String.raw`\.clinerules`) },
  { tool: 'roo', pattern: under(String.raw`\.roo/rules`) },
  { tool: 'roo', pattern: under(String.raw`\.roo/rules-${MODE}`) },
  { tool: 'roo', pattern: file(String.raw`\.roorules(?:-${MODE})?`) },
  { tool: 'roo', pattern: under(String.raw`\.roo/commands`), category: 'workflow' },
  { tool: 'windsurf', pattern: file(String.raw`\.windsurfrules`) },
  { tool: 'windsurf', pattern: under(String.raw`\.windsurf/rules`) },
  { tool: 'windsurf', pattern: under(String.raw`\.windsurf/workflows`), category: 'workflow' },
  { tool: 'copilot', pattern: file(String.raw`\.github/copilot-instructions\.md`), rootOnly: true },
  {
    tool: 'copilot',
    pattern: under(String.raw`\.github/instructions`, String.raw`[^/]+\.instructions\.md`),
    activation: 'manual',
    rootOnly: true,
  },
  {
    tool: 'copilot',
    pattern: under(String.raw`\.github/prompts`, String.raw`[^/]+\.prompt\.md`),
    category: 'workflow',
    rootOnly: true,
  },
  {
    tool: 'copilot',
    pattern: under(String.raw`(?<skills>\.github/skills)`, DOC),
    category: 'skill',
    rootOnly: true,
  },
  { tool: 'agents', pattern: file(String.raw`AGENTS\.md`) },
  { tool: 'agents', pattern: under(String.raw`\.agents?/rules`) },
  { tool: 'agents', pattern: under(String.raw`\.agents?/workflows`), category: 'workflow' },
  { tool: 'agents', pattern: under(String.raw`(?<skills>\.agents/skills)`, DOC), category: 'skill' },
  // No assistant loads `docs/rules` by itself (people point to it), and lint projects keep rule docs there: manual.
  { tool: 'agents', pattern: under('docs/rules', MD), activation: 'manual', rootOnly: true },
  { tool: 'gemini', pattern: file(String.raw`GEMINI\.md`) },
  { tool: 'continue', pattern: under(String.raw`\.continue/rules`) },
  { tool: 'continue', pattern: under(String.raw`\.continue/prompts`), category: 'workflow' },
];

// Files about the rule system itself rather than rules: read by people, not by the assistant as guidance.
const META_NAME = /^(?:readme|contributing|changelog|license|licence)(?:\.[a-z]+)?$/i;

/**
 * The location of a repository file that is an assistant's rule file, or undefined. Tool folders and
 * AGENTS.md-like files also count below the root (the shallowest match wins); `hasFile` finds skill folders.
 */
export function locateRuleFile(path: string, hasFile: (file: string) => boolean): RuleLocation | undefined {
  for (const base of folderStarts(path)) {
    const sub = path.slice(base);
    const folder = base === 0 ? undefined : path.slice(0, base - 1);
    for (const location of LOCATIONS) {
      if (folder !== undefined && location.rootOnly) continue;
      const match = location.pattern.exec(sub);
      if (!match) continue;
      const skills = match.groups?.['skills'];
      const skillsRoot = skills === undefined ? undefined : (folder ? `${folder}/` : '') + skills;
      return describe(path, location, match.groups?.['mode'], folder, skillsRoot, hasFile);
    }
  }
  return undefined;
}

/** Offsets where the path below each of its folders starts, the root first. */
function folderStarts(path: string): number[] {
  const starts = [0];
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) starts.push(at + 1);
  return starts;
}

function describe(
  path: string,
  location: Location,
  mode: string | undefined,
  folder: string | undefined,
  skillsRoot: string | undefined,
  hasFile: (file: string) => boolean,
): RuleLocation {
  const out: RuleLocation = {
    tool: location.tool,
    category: categoryOf(path, location.category ?? 'standard'),
    activation: location.activation ?? 'always',
  };
  if (mode !== undefined) out.mode = mode.toLowerCase();
  if (folder !== undefined) out.folder = folder;
  if (skillsRoot !== undefined) {
    const skill = skillFolder(path, skillsRoot, hasFile);
    if (skill !== undefined) out.skill = skill;
    // A skill is picked by its description; the files beside SKILL.md are read when it points to them.
    out.activation = path === `${skill ?? ''}/SKILL.md` ? 'description' : 'manual';
  }
  if (location.category === 'workflow') out.activation = 'manual';
  return out;
}

/** A file named by the `instructions` of Kilo's config: an always-on Kilo rule unless its name says otherwise. */
export function kiloInstructionLocation(path: string): RuleLocation {
  return { tool: 'kilo', category: categoryOf(path, 'standard'), activation: 'always' };
}

function categoryOf(path: string, category: RuleCategory): RuleCategory {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (META_NAME.test(name)) return 'meta';
  if (category === 'standard' && path.split('/').includes('memory-bank')) return 'context';
  return category;
}

/** The nearest folder above `path`, inside the skills folder, that holds a SKILL.md; else the first one down. */
function skillFolder(
  path: string,
  skillsRoot: string,
  hasFile: (file: string) => boolean,
): string | undefined {
  const parts = path
    .slice(skillsRoot.length + 1)
    .split('/')
    .slice(0, -1);
  for (let depth = parts.length; depth > 0; depth--) {
    const candidate = `${skillsRoot}/${parts.slice(0, depth).join('/')}`;
    if (hasFile(`${candidate}/SKILL.md`)) return candidate;
  }
  return parts.length > 0 ? `${skillsRoot}/${parts[0] ?? ''}` : undefined;
}
