// Which language a spec or a template is written in, told from its headings (the only text every spec shares), and
// a template section's title in that language: what `new` and `--fix` write where a heading is missing.
import { PRESETS } from './presets.js';
import type { TemplateSection } from './template.js';
import { normalizeTitle } from './text.js';

export const LANGUAGES = ['en', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The alias preset whose first title per section is the heading in each language (none: the template's own). */
const TITLE_PRESET: Record<Language, string | undefined> = { en: undefined, 'pt-BR': 'pt-BR' };

const PORTUGUESE = new Set(
  Object.values(PRESETS['pt-BR'] ?? {}).flatMap((titles) => titles.map(normalizeTitle)),
);

/** The language most of `titles` are in; undefined when none of them is a known section title in a language. */
export function languageOfTitles(
  titles: readonly string[],
  english: ReadonlySet<string>,
): Language | undefined {
  let pt = 0;
  let en = 0;
  for (const title of titles) {
    const key = normalizeTitle(title);
    if (PORTUGUESE.has(key)) pt += 1;
    else if (english.has(key)) en += 1;
  }
  if (pt === 0 && en === 0) return undefined;
  return pt > en ? 'pt-BR' : 'en';
}

/** The English titles (the default template's and the en-variants preset's), normalised, for languageOfTitles. */
export function englishTitles(reference: readonly TemplateSection[]): Set<string> {
  const variants = Object.values(PRESETS['en-variants'] ?? {}).flat();
  return new Set([...reference.map((s) => s.title), ...variants].map(normalizeTitle));
}

/**
 * `section`'s heading in `language`: the template's own title when the template is in that language (or the
 * preset has no title for it), else the preset's first title for the section.
 */
export function titleIn(section: TemplateSection, language: Language, templateLanguage: Language): string {
  if (language === templateLanguage) return section.title;
  const preset = TITLE_PRESET[language];
  const localized = preset === undefined ? undefined : PRESETS[preset]?.[section.id]?.[0];
  return localized ?? section.title;
}
