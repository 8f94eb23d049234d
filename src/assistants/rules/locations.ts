// What a path in one of the assistants' rule places is (tool, category, mode, scope); the places are the registry's.
import type { RuleLocationPattern } from '../assistant.js';
import { ASSISTANTS } from '../registry.js';
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
  /** The front matter keys that decide activation at this place (see RuleLocationPattern.keys). */
  keys?: readonly string[];
}

interface Location extends RuleLocationPattern {
  tool: RuleTool;
}

// Order matters: the first location that matches a path wins (workflows before the rules folder that holds them).
const LOCATIONS: readonly Location[] = ASSISTANTS.flatMap((assistant) =>
  assistant.locations.map((location) => ({ ...location, tool: assistant.id })),
);

/**
 * Whether a path (below one of its folders) can match any location: every pattern in one alternation, named groups
 * unnamed (names may repeat across patterns). Most repository files fail it at once, so the ordered search below
 * runs for the few that pass instead of every pattern at every folder of every file.
 */
const FLAGS = [...new Set(LOCATIONS.map(({ pattern }) => pattern.flags))];
const ANY_LOCATION =
  FLAGS.length === 1 && !/[gy]/.test(FLAGS[0] ?? '')
    ? new RegExp(
        LOCATIONS.map(({ pattern }) => `(?:${pattern.source.replace(/\(\?<(?![=!])[\w$]+>/g, '(?:')})`).join(
          '|',
        ),
        FLAGS[0],
      )
    : undefined;

// Files about the rule system itself rather than rules: read by people, not by the assistant as guidance.
const META_NAME = /^(?:readme|contributing|changelog|license|licence)(?:\.[a-z]+)?$/i;

/**
 * The location of a repository file that is an assistant's rule file, or undefined. Tool folders and
 * AGENTS.md-like files also count below the root (the shallowest match wins); `hasFile` finds skill folders.
 */
export function locateRuleFile(path: string, hasFile: (file: string) => boolean): RuleLocation | undefined {
  for (const base of folderStarts(path)) {
    const sub = path.slice(base);
    if (ANY_LOCATION !== undefined && !ANY_LOCATION.test(sub)) continue;
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
  if (location.keys !== undefined) out.keys = location.keys;
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

/** The tool of a rule file that only the config's `ruleFiles` names: the team's own folder, read on request. */
export const CONFIG_RULES_TOOL = 'project';

/** A file that the config's `ruleFiles` globs add: no assistant loads it by itself, so it is read on request. */
export function configRuleLocation(path: string): RuleLocation {
  return { tool: CONFIG_RULES_TOOL, category: categoryOf(path, 'standard'), activation: 'manual' };
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
