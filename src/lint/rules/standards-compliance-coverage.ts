// Every rule that applies to the spec (by glob against its Relevant Files, or always on) is listed under Standards Compliance.
import picomatch from 'picomatch';
import { z } from 'zod';
import { matchRules } from '../../assistants/match/match.js';
import type { StackFacts } from '../../assistants/match/stack.js';
import { findSection } from '../../spec/walk.js';
import { defineRule } from '../rule.js';
import { listedPaths } from '../../spec/facts/relevant-files.js';
import { citedSources } from '../../assistants/match/cited.js';

// The rule judges scope and activation only; the stack plays no part in whether a rule applies.
const NO_STACK: StackFacts = { techs: [], languages: [], dependencies: [], manifests: [], problems: [] };

export const standardsComplianceCoverage = defineRule({
  id: 'standards-compliance-coverage',
  description:
    'Checks that every rule file that applies to the spec, by glob or always on, is listed under Standards Compliance.',
  severity: 'warning',
  strict: true,
  fixable: false,
  messages: {
    unlisted: 'Unlisted rule `{{rule}}`, expected it under `{{section}}` since it applies: {{reason}}',
  },
  options: z.strictObject({
    /** Also expect rules the assistant loads for every task (`alwaysApply: true`, rules folders without globs). */
    alwaysOn: z.boolean().default(true),
    /** Globs of rule paths never to expect (`.cursor/rules/legacy-*.mdc`). */
    ignore: z.array(z.string()).default([]),
  }),
  check(doc, ctx) {
    const sources = ctx.project?.ruleSources;
    if (!sources || sources.length === 0) return;
    const slash = ctx.relativePath.lastIndexOf('/');
    const specDir = slash < 0 ? '' : ctx.relativePath.slice(0, slash);
    const listed = listedPaths(doc).flatMap((entry) =>
      specDir === '' || entry.absolute ? [entry.path] : [entry.path, `${specDir}/${entry.path}`],
    );
    const ignored = picomatch(ctx.options.ignore.length > 0 ? ctx.options.ignore : ['\0'], { dot: true });
    const cited = citedSources(doc, sources);
    const compliance = findSection(doc, 'technical-considerations/standards-compliance');
    const line = compliance?.heading.line ?? 1;
    // Named as the spec names it (`Conformidade com Padrões`); the template's name when the spec has none.
    const section = compliance?.title ?? 'Standards Compliance';
    // A same-name rule of another assistant (`.github/instructions/db.instructions.md` beside a cited
    // `.claude/skills/db/SKILL.md`) is a mirror of the cited one: citing one of them is enough.
    const citedNames = new Map([...cited].map((path) => [ruleName(path), path]));
    for (const verdict of matchRules(sources, { text: '', relevantFiles: listed, stack: NO_STACK })) {
      if (verdict.verdict !== 'applies' || ignored(verdict.path)) continue;
      if ([verdict.path, ...verdict.copies].some((path) => cited.has(path))) continue;
      const mirror = citedNames.get(ruleName(verdict.path));
      if (mirror !== undefined && topFolder(mirror) !== topFolder(verdict.path)) continue;
      if (!ctx.options.alwaysOn && verdict.reason.startsWith('always on')) continue;
      ctx.report({
        messageId: 'unlisted',
        data: { rule: verdict.path, reason: verdict.reason, section },
        line,
        hint: `List \`${verdict.path}\` under Standards Compliance, or say there why it does not apply`,
      });
    }
  },
});

/** A rule's own name: its skill's folder for a SKILL.md, else its file name without `.instructions.md`, `.mdc`, `.md`. */
function ruleName(path: string): string {
  const parts = path.split('/');
  const file = parts.at(-1) ?? '';
  if (file === 'SKILL.md') return (parts.at(-2) ?? '').toLowerCase();
  return file.replace(/(?:\.instructions)?\.(?:md|mdc|mdx)$/i, '').toLowerCase();
}

function topFolder(path: string): string {
  return path.split('/')[0] ?? '';
}
