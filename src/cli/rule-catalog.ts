// Each rule's id and description for help text, without loading the rules: the build writes them next to the bundle
// (dist/rules.json, from the registry itself); run from sources, the registry is imported instead.
import { readFileSync } from 'node:fs';

export interface RuleSummary {
  id: string;
  description: string;
}

export const RULE_CATALOG_FILE = 'rules.json';

export async function ruleSummaries(): Promise<RuleSummary[]> {
  try {
    return JSON.parse(
      readFileSync(new URL(`./${RULE_CATALOG_FILE}`, import.meta.url), 'utf8'),
    ) as RuleSummary[];
  } catch {
    const { RULES } = await import('../lint/rules/index.js');
    return RULES.map(({ id, description }) => ({ id, description }));
  }
}
