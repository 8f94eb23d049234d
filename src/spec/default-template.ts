// Locates and loads the template shipped in the package (the seed, with its mojibake corrected).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadTemplate, type Template } from './template.js';

/** The shipped template's path; this module runs from src/spec (tests) or dist (bundle). */
export function defaultTemplatePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..', '../../..']) {
    const candidate = path.resolve(here, up, 'templates/techspec-template.md');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`The package's templates/techspec-template.md was not found above ${here}`);
}

export function loadDefaultTemplate(): Template {
  return loadTemplate(readFileSync(defaultTemplatePath(), 'utf8'));
}
