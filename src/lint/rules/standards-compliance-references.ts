// Every rule file that Standards Compliance cites exists among the repository's assistant rule files.
import { z } from 'zod';
import { projectPaths, type Project } from '../../project/project.js';
import { basename, editDistance, extension, isGlob, readWrittenPath } from '../../project/paths.js';
import type { SpecDocument } from '../../spec/model.js';
import { sectionEntries, sectionIndex, type Entry, type EntryRef } from '../helpers.js';
import { defineRule } from '../rule.js';
import { globMatcher } from '../../project/glob.js';
import { trimEnd } from '../../spec/text.js';

export const standardsComplianceReferences = defineRule({
  id: 'standards-compliance-references',
  description:
    'Checks that every rule file cited under Standards Compliance exists among the repository rule files.',
  severity: 'error',
  fixable: false,
  messages: {
    missing:
      'Unresolved rule reference `{{reference}}`, expected one of the {{count}} rule files of the repository',
    none: 'Unresolved rule reference `{{reference}}`, expected a rule file but the repository has none',
  },
  options: z.strictObject({
    /** Also accept a reference to a repository file that is not a rule file (`docs/conventions.md`). */
    allowOtherFiles: z.boolean().default(true),
    /** Check a bare name in code (`go-standards`) as a skill or rule name when its entry speaks of skills. */
    checkSkillNames: z.boolean().default(true),
  }),
  check(doc, ctx) {
    const project = ctx.project;
    if (!project) return;
    const rules = new RuleIndex(project.ruleFiles);
    for (const ref of citedRules(doc, ctx.options.checkSkillNames)) {
      const forms = [ref.dotted, ref.reference];
      if (forms.some((form) => rules.resolves(form))) continue;
      if (ctx.options.allowOtherFiles && forms.some((form) => isRepositoryPath(project, form))) continue;
      const closest = rules.closest(ref.reference);
      ctx.report({
        messageId: project.ruleFiles.length === 0 ? 'none' : 'missing',
        data: { reference: ref.written, count: project.ruleFiles.length },
        line: ref.line,
        column: ref.column,
        endColumn: ref.endColumn,
        ...(closest ? { hint: `Closest rule file: \`${closest}\`` } : {}),
      });
    }
  },
});

export interface CitedRule {
  /** As written, without line suffixes. */
  written: string;
  /** Repository style: `kilocode/rules/a.md`; a skill name stays a name. */
  reference: string;
  /** The same with its assistant folder dotted, as on disk: `@kilocode/rules/a.md` → `.kilocode/rules/a.md`. */
  dotted: string;
  line: number;
  column: number;
  endColumn: number;
}

// Assistant folders that `@name/…` and `name/…` stand for (`@kilocode/rules/x.md` is `.kilocode/rules/x.md`).
const ASSISTANT_DIRS =
  /^@?\.?(kilocode|kilo|claude|cursor|clinerules|roo|windsurf|github|agents|gemini|codex)(?=\/|$)/;
const RULE_FOLDER = /(^|\/)(rules(-[\w-]+)?|skills|instructions)(\/|$)/;
const SKILL_WORD = /\bskills?\b/i;
const SKILL_NAME = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const NEGATED =
  /n[ãa]o (?:existe|foi encontrad|h[áa](?=[\s.,;:]|$))|not (?:found|exist)|does(?:n't| not) exist|no such|there (?:is|are) no|inexistente/i;

/** References to rule files (by path, file name, rules folder or skill name) under Standards Compliance. */
export function citedRules(doc: SpecDocument, checkSkillNames = true): CitedRule[] {
  const index = sectionIndex(doc, 'technical-considerations/standards-compliance');
  if (index < 0) return [];
  return sectionEntries(doc, index).flatMap((entry) => {
    // "There is no `.claude/rules` folder": the spec already says what is missing.
    if (NEGATED.test(entry.prose)) return [];
    // A label such as `Skills:` makes every name under it a skill; one that names a skill itself does not.
    const label = entry.labels.at(-1) ?? '';
    const skillsLabel = !label.includes('`') && SKILL_WORD.test(withoutPaths(label));
    return entry.refs.flatMap((ref) => {
      const where = { line: ref.line, column: ref.column, endColumn: ref.endColumn };
      const named =
        ref.source === 'code' && checkSkillNames && SKILL_NAME.test(ref.value) && ref.value.length >= 3;
      if (named && (skillsLabel || saysSkill(entry, ref) || leadsItem(entry, ref))) {
        return [{ written: ref.value, reference: ref.value, dotted: ref.value, ...where }];
      }
      const written = readWrittenPath(ref.value.replace(/^@(?=[\w.])/, ''), ref.source);
      if (!written) return [];
      const reference = written.path;
      const dotted = reference.replace(ASSISTANT_DIRS, '.$1');
      const isRuleLike =
        ['md', 'mdc', 'mdx'].includes(extension(basename(reference))) || isRuleFolder(dotted);
      const shown = ref.value.replace(/[:#]L?\d[\d-]*$/, '');
      return isRuleLike ? [{ written: shown, reference, dotted, ...where }] : [];
    });
  });
}

/**
 * `skill \`a\``, `Skills: \`a\`, \`b\``, `the \`a\` skill`: the word comes before the name (in the same table
 * cell), or right after it.
 */
function saysSkill(entry: Entry, ref: EntryRef): boolean {
  const cellStart = entry.kind === 'row' ? entry.prose.lastIndexOf(' | ', ref.offset) + 1 : 0;
  const before = entry.prose.slice(cellStart, ref.offset);
  const after = entry.prose.slice(ref.offset + ref.value.length).replace(/^`+/, '');
  return SKILL_WORD.test(before) || /^\s*skills?\b/i.test(after);
}

/** `- \`go-standards\`: …` or `- **Testing** (\`java-testing\`): …`: a compound name heading a list item. */
function leadsItem(entry: Entry, ref: EntryRef): boolean {
  const before = trimEnd(entry.prose.slice(0, ref.offset), '`');
  return (
    entry.kind === 'item' && /[-_]/.test(ref.value) && /^(?:(\*\*|__)[^*_]+\1\s*)?\(?$/.test(before.trim())
  );
}

function isRuleFolder(path: string): boolean {
  return ASSISTANT_DIRS.test(path) || RULE_FOLDER.test(path) || path === '.clinerules';
}

function isRepositoryPath(project: Project, reference: string): boolean {
  const paths = projectPaths(project);
  return paths.hasFile(reference) || (reference.includes('/') && paths.hasDir(reference));
}

/** Rule files by path, folder, path suffix, file name, stem (`a` for `a.md`) and skill folder name. */
class RuleIndex {
  private readonly files: Set<string>;
  private readonly names = new Map<string, string[]>();

  constructor(private readonly ruleFiles: readonly string[]) {
    this.files = new Set(ruleFiles);
    for (const file of ruleFiles) {
      const name = basename(file);
      // A skill is named by its folder: the one after `skills/`, or the one holding SKILL.md (`skills/java/testing/`).
      const skill = /(?:^|\/)skills\/([^/]+)\//.exec(file)?.[1];
      const holder = name === 'SKILL.md' ? basename(file.slice(0, -name.length - 1)) : undefined;
      const keys = [name, stem(name), skill, holder];
      for (const key of new Set(keys)) if (key) this.names.set(key, [...(this.names.get(key) ?? []), file]);
    }
  }

  resolves(reference: string): boolean {
    const bare = trimEnd(reference, '/');
    if (this.files.has(bare)) return true;
    if (this.ruleFiles.some((file) => file.startsWith(`${bare}/`) || file.endsWith(`/${bare}`))) return true;
    if (isGlob(bare)) {
      const isMatch = globMatcher(bare, { dot: true });
      return this.ruleFiles.some((file) => isMatch(file));
    }
    // A folder (`.claude/rules`) is found above or not at all; a name may be any rule file's or skill's.
    const name = basename(bare);
    if (bare.includes('/') && extension(name) === '') return false;
    return this.names.has(name) || this.names.has(stem(name));
  }

  /** The rule file whose name (or skill's name) is nearest the reference's, within a small edit distance. */
  closest(reference: string): string | undefined {
    const wanted = stem(basename(trimEnd(reference, '/'))).toLowerCase();
    const limit = Math.max(2, Math.floor(wanted.length / 4));
    let best: { distance: number; key: string } | undefined;
    for (const key of this.names.keys()) {
      const distance = editDistance(wanted, stem(key).toLowerCase(), limit);
      if (distance > limit) continue;
      if (!best || distance < best.distance || (distance === best.distance && key < best.key)) {
        best = { distance, key };
      }
    }
    const files = best ? (this.names.get(best.key) ?? []) : [];
    return [...files].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
  }
}

function stem(name: string): string {
  return name.replace(/(\.instructions)?\.(md|mdc|mdx)$/i, '');
}

/** Each word with a `/` or a `.` in it (a path) as one space; one split where `\S*[/.]\S*` rescanned each word. */
function withoutPaths(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (/[/.]/.test(word) ? ' ' : word))
    .join('');
}
