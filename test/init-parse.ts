// Parses a file `techspec init` wrote the way its assistant parses it (TOML, strict JSON, JSONC, YAML front matter).
import TOML from '@iarna/toml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';

/** The file parsed as its assistant parses it; throws on anything the assistant would reject. */
export function parseBack(file: string, text: string): unknown {
  if (file.endsWith('.toml')) return TOML.parse(text);
  if (file.endsWith('.jsonc') || file.endsWith('.json')) {
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
    if (errors.length > 0) throw new Error(`${file}: JSONC error ${JSON.stringify(errors[0])}`);
    // VS Code and Zed read their settings as JSONC; every other .json is parsed strictly.
    if (file.endsWith('.json') && !file.startsWith('.vscode/') && !file.startsWith('.zed/')) JSON.parse(text);
    return value;
  }
  if (file.endsWith('.md')) {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
    // strict YAML: a duplicate key or a `: ` inside a plain scalar throws.
    return match ? (parseYaml(match[1] ?? '', { strict: true, uniqueKeys: true }) as unknown) : {};
  }
  if (file === '.gitignore') return text;
  throw new Error(`no parser for ${file}`);
}
