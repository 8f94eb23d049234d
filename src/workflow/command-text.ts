// The create-techspec workflow text: one source (templates/commands/create-techspec.md) rendered into each assistant's
// command, prompt or workflow file format, with that assistant's way of passing the feature the user names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMMAND_NAME = 'create-techspec';
const DESCRIPTION =
  'Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint';
const SOURCE = 'templates/commands/create-techspec.md';

/** How a file format gives the command the user's words after `/create-techspec`. */
import type { CommandFormat } from '../assistants/assistant.js';

export type { CommandFormat };

/** The source text, read from the package (this module runs from src/workflow in tests, from dist when bundled). */
export function commandSource(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..', '../../..']) {
    const candidate = path.resolve(here, up, SOURCE);
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8').replace(/\r\n/g, '\n');
  }
  throw new Error(`The package's ${SOURCE} was not found above ${here}`);
}

/** The command file's text in `format`, from `source` (default: the shipped source). */
export function renderCommand(format: CommandFormat, source: string = commandSource()): string {
  const body = (feature: string): string => `${source.replace('{{feature}}', () => feature).trimEnd()}\n`;
  const named = 'the feature the user names after the command (ask for it if none was given)';
  switch (format) {
    case 'markdown-arguments':
      return `---\ndescription: ${DESCRIPTION}\nargument-hint: <feature name or PRD path>\n---\n\n${body('$ARGUMENTS')}`;
    case 'kilo-command':
      return `---\ndescription: ${DESCRIPTION}\n---\n\n${body('$ARGUMENTS')}`;
    case 'markdown-plain':
      return `# ${COMMAND_NAME}\n\n${body(named)}`;
    case 'markdown-described':
      return `---\ndescription: ${DESCRIPTION}\n---\n\n# ${COMMAND_NAME}\n\n${body(named)}`;
    case 'copilot-prompt':
      return `---\ndescription: ${DESCRIPTION}\nagent: agent\n---\n\n${body('${input:feature:Feature name or PRD path}')}`;
    case 'gemini-toml':
      // A literal multi-line string: nothing in it is an escape; the source must not hold three single quotes.
      if (source.includes("'''"))
        throw new Error(`${SOURCE} holds ''' and cannot become a TOML literal string`);
      return `description = ${JSON.stringify(DESCRIPTION)}\nprompt = '''\n${body('{{args}}')}'''\n`;
  }
}
