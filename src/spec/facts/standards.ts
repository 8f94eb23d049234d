// What Standards Compliance cites: rule files by path, file name, rules folder or skill name, with positions.
import { basename, extension, readWrittenPath } from '../../text/paths.js';
import type { SpecDocument } from '../model.js';
import { sectionEntries, sectionIndex, type Entry, type EntryRef } from '../walk.js';
import { trimEnd } from '../../text/scan.js';

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

const RULE_FOLDER = /(^|\/)(rules(-[\w-]+)?|skills|instructions)(\/|$)/;
const SKILL_WORD = /\bskills?\b/i;
const SKILL_NAME = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
const NEGATED =
  /n[ãa]o (?:existe|foi encontrad|h[áa](?=[\s.,;:]|$))|not (?:found|exist)|does(?:n't| not) exist|no such|there (?:is|are) no|inexistente/i;

export interface CitedRuleOptions {
  /** Check a bare name in code (`go-standards`) as a skill name when its entry speaks of skills (default true). */
  checkSkillNames?: boolean;
  /**
   * Assistant folders that `@name/…` and `name/…` stand for (`@kilocode/rules/x.md` is `.kilocode/rules/x.md`):
   * a regex whose group 1 is the folder name without its dot (the assistants registry's `ASSISTANT_FOLDERS`).
   */
  assistantFolders: RegExp;
}

/** References to rule files (by path, file name, rules folder or skill name) under Standards Compliance. */
export function citedRules(doc: SpecDocument, options: CitedRuleOptions): CitedRule[] {
  const checkSkillNames = options.checkSkillNames ?? true;
  const folders = options.assistantFolders;
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
      const dotted = reference.replace(folders, '.$1');
      const isRuleLike =
        ['md', 'mdc', 'mdx'].includes(extension(basename(reference))) || isRuleFolder(dotted, folders);
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

/**
 * A rules or skills folder (`.cursor/rules`, `skills/`), or an assistant's own folder named alone (`.claude`);
 * a folder of an assistant's folder that holds no rules (`.github/workflows`) is not a reference.
 */
function isRuleFolder(path: string, folders: RegExp): boolean {
  if (RULE_FOLDER.test(path) || path === '.clinerules') return true;
  return folders.test(path) && trimEnd(path, '/').split('/').length === 1;
}

/** Each word with a `/` or a `.` in it (a path) as one space; one split where `\S*[/.]\S*` rescanned each word. */
function withoutPaths(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (/[/.]/.test(word) ? ' ' : word))
    .join('');
}
