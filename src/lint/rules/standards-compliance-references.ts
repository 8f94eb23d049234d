// Every rule file that Standards Compliance cites exists among the repository's assistant rule files.
import { z } from 'zod';
import { projectPaths, type Project } from '../../workspace/project.js';
import { basename, editDistance, extension, isGlob } from '../../text/paths.js';
import { citedRuleReferences } from '../../assistants/match/cited.js';
import { defineRule } from '../rule.js';
import { safeGlob } from '../../text/glob.js';
import { trimEnd } from '../../text/scan.js';

export const standardsComplianceReferences = defineRule({
  id: 'standards-compliance-references',
  description:
    'Checks that every rule file cited under Standards Compliance exists among the repository rule files.',
  severity: 'error',
  strict: true,
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
    for (const ref of citedRuleReferences(doc, ctx.options.checkSkillNames)) {
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
      const isMatch = safeGlob(bare, { dot: true });
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
