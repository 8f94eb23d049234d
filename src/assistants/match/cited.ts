// Which of the project's rule files a spec's Standards Compliance section cites: shared by the coverage rule and the
// dashboard's listed-vs-suggested view.
import { RuleNames, Text } from './names.js';
import type { RuleSource } from '../rules/model.js';
import type { SpecDocument } from '../../spec/model.js';
import { sectionIndex } from '../../spec/walk.js';
import { citedRules, type CitedRule } from '../../spec/facts/standards.js';
import { ASSISTANT_FOLDERS } from '../registry.js';
import { trimEnd } from '../../text/scan.js';
import { safeGlob } from '../../text/glob.js';

/**
 * The rules the Standards Compliance section cites: by a name the context engine recognises (path, distinctive
 * file name or stem, skill name), or by a cited folder or glob that holds them.
 */
export function citedSources(doc: SpecDocument, sources: readonly RuleSource[]): Set<string> {
  const index = sectionIndex(doc, 'technical-considerations/standards-compliance');
  if (index < 0) return new Set();
  const section = doc.sections[index];
  const end = section?.endLine ?? 0;
  const text = new Text(doc.lines.slice((section?.heading.line ?? 1) - 1, end).join('\n'));
  const refs = citedRuleReferences(doc).map((ref) => ref.dotted);
  return citedIn(text, refs, sources, new RuleNames(sources));
}

/**
 * The rules a Standards Compliance text cites (`text`, the section) by name, or through a cited folder or glob
 * (`dotted`, as citedRuleReferences gives them); `names` indexes `sources`.
 */
export function citedIn(
  text: Text,
  dotted: readonly string[],
  sources: readonly RuleSource[],
  names: RuleNames,
): Set<string> {
  const refs = dotted.map((ref) => trimEnd(ref, '/'));
  const cited = new Set<string>();
  for (const source of sources) {
    const paths = [source.path, ...source.copies];
    const inFolder = refs.some((ref) => paths.some((path) => path.startsWith(`${ref}/`)));
    const byGlob = refs.some((ref) => /[*?[{]/.test(ref) && paths.some(safeGlob(ref, { dot: true })));
    if (names.namedIn(source, text) !== undefined || inFolder || byGlob) cited.add(source.path);
  }
  return cited;
}

/** What Standards Compliance cites, with `@folder/…` read as the registry's assistant folders. */
export function citedRuleReferences(doc: SpecDocument, checkSkillNames = true): CitedRule[] {
  return citedRules(doc, { checkSkillNames, assistantFolders: ASSISTANT_FOLDERS });
}
