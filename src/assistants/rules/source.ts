// Turns the text of one located rule file into its RuleSource record.
import { createHash } from 'node:crypto';
import { parseSpec } from '../../spec/parse.js';
import type { SpecDocument } from '../../spec/model.js';
import { activationOf, type Activation } from './activation.js';
import { bodyFacts } from './body.js';
import { keyLine, readRuleFields, type RuleFields } from './front-matter.js';
import { assistantById } from '../registry.js';
import type { RuleLocation } from './locations.js';
import { SPEC_MODES, type RuleProblem, type RuleSource } from './model.js';
import { trimEnd } from '../../text/scan.js';

/** Why a Kilo rule with `paths:` is reported as always on. */
export const KILO_PATHS_NOTE = 'paths: not honoured by Kilo 7.x';

export interface BuiltSource {
  source: RuleSource;
  /** A hash of the whole body, normalised, to find mirrored copies; undefined when blank (blank files are not copies). */
  contentKey: string | undefined;
  /** The line the body starts on (after a closed front matter), 0-based: how the body is read again from the file. */
  bodyLine: number;
}

/**
 * Parses `reading.text`, the file `file` found at `location`, into a record; never throws on content. `parsed`
 * keeps the documents of texts already parsed in this run.
 */
export function buildRuleSource(
  file: string,
  location: RuleLocation,
  reading: { text: string; bytes: number; problems: readonly RuleProblem[] },
  maxBodyBytes: number,
  parsed: Map<string, SpecDocument> = new Map(),
): BuiltSource {
  let doc = parsed.get(reading.text);
  if (!doc) {
    doc = parseSpec(reading.text, { path: file });
    parsed.set(reading.text, doc);
  }
  const { fields, keys, problems: fieldProblems } = readRuleFields(doc.frontMatter, file);
  const problems = [...reading.problems, ...fieldProblems];
  const foreign = foreignKeyProblem(file, location, keys);
  if (foreign !== undefined && doc.frontMatter !== undefined)
    problems.push({ ...foreign, line: keyLine(doc.frontMatter, foreign.key) });
  // A skill is picked by its description: `trigger`, `inclusion` or `type` in its front matter belong to other systems.
  const read = location.category === 'skill' ? withoutModes(fields) : fields;
  const declared = scopeToFolder(activationOf(read, location.activation, file, problems), location.folder);
  const { globs } = declared;
  // Kilo Code 7.x puts every file of its rules folders into every prompt: `paths:` there is evidence, not activation.
  const kiloIgnoresPaths =
    location.tool === 'kilo' && location.category !== 'skill' && declared.activation === 'globs';
  const activation = kiloIgnoresPaths ? 'always' : declared.activation;
  const facts = bodyFacts(doc, fields.name);
  const bodyLine = doc.frontMatter && doc.frontMatter.endLine > 1 ? doc.frontMatter.endLine : 0;
  const body = bodyText(doc.lines, bodyLine);
  const source: RuleSource = {
    tool: location.tool,
    path: file,
    category: location.category,
    activation,
    globs,
    headings: facts.headings,
    ruleIds: facts.ruleIds,
    scopes: facts.scopes,
    bytes: reading.bytes,
    body: capBytes(body, maxBodyBytes),
    appliesToTechSpec: appliesToTechSpec(location, fields.excludeAgent),
    problems,
    copies: [],
  };
  if (kiloIgnoresPaths) source.activationNote = KILO_PATHS_NOTE;
  if (location.mode !== undefined) source.mode = location.mode;
  if (fields.description !== undefined) source.description = fields.description;
  if (facts.title !== undefined) source.title = facts.title;
  if (location.folder !== undefined) source.folder = location.folder;
  if (location.skill !== undefined) source.skill = location.skill;
  if (fields.excludeAgent !== undefined) source.excludeAgent = fields.excludeAgent;
  const key = body.trim();
  return {
    source,
    contentKey: key === '' ? undefined : createHash('sha1').update(key).digest('hex'),
    bodyLine,
  };
}

function withoutModes(fields: RuleFields): RuleFields {
  const rest = { ...fields };
  delete rest.trigger;
  delete rest.inclusion;
  delete rest.ruleType;
  return rest;
}

// The keys that decide activation in one assistant or another.
const ACTIVATION_KEYS: readonly string[] = [
  'globs',
  'paths',
  'applyTo',
  'alwaysApply',
  'trigger',
  'inclusion',
  'fileMatchPattern',
];

/**
 * A file whose front matter holds only other assistants' activation keys (`globs` in a Claude Code rule): the
 * assistant reading it ignores them, so the rule activates otherwise than its author meant.
 */
function foreignKeyProblem(
  file: string,
  location: RuleLocation,
  keys: readonly string[],
): { path: string; key: string; message: string } | undefined {
  const own = location.keys;
  if (own === undefined) return undefined;
  const activation = keys.filter((key) => ACTIVATION_KEYS.includes(key));
  const key = activation[0];
  if (key === undefined || activation.some((candidate) => own.includes(candidate))) return undefined;
  const label = assistantById(location.tool)?.label ?? location.tool;
  const expected = own.map((name) => `\`${name}\``).join(' or ');
  return {
    path: file,
    key,
    message: `Unexpected \`${key}\` in a ${label} rule file, expected ${expected} (${label} does not read \`${key}\`)`,
  };
}

/**
 * A source below the root applies only there: its globs are written relative to its folder, and an always-on
 * source becomes one for the folder's files.
 */
function scopeToFolder(found: Activation, folder: string | undefined): Activation {
  if (folder === undefined) return found;
  const globs = found.globs.map((glob) => `${folder}/${glob.replace(/^\.?\/+/, '')}`);
  if (found.activation === 'always') return { activation: 'globs', globs: [`${folder}/**`] };
  return { activation: found.activation, globs };
}

/** Standards and skills shape a spec; memory banks, workflows, meta files, other modes and review-only rules do not. */
function appliesToTechSpec(location: RuleLocation, excludeAgent: string | undefined): boolean {
  if (location.category !== 'standard' && location.category !== 'skill') return false;
  if (location.mode !== undefined && !SPEC_MODES.includes(location.mode)) return false;
  return excludeAgent !== 'coding-agent';
}

/** The text from line `from` (after a closed front matter), leading blank lines dropped. */
function bodyText(lines: readonly string[], from: number): string {
  return lines
    .slice(from)
    .join('\n')
    .replace(/^(?:[ \t]*\n)+/, '');
}

/** The body of a rule file's text as `buildRuleSource` cut it, from the line it starts on. */
export function ruleBody(text: string, bodyLine: number, maxBodyBytes: number): string {
  return capBytes(bodyText(text.split(/\r?\n/), bodyLine), maxBodyBytes);
}

/** `text` cut to at most `max` UTF-8 bytes, never inside a character. */
function capBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  // A character cut in two decodes as U+FFFD at the end: dropped.
  return trimEnd(bytes.subarray(0, max).toString('utf8'), '\uFFFD');
}
