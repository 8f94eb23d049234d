// API endpoints are `METHOD /path` with a real method, one path-parameter style, the version prefix, no duplicates.
import { z } from 'zod';
import { defineRule } from '../rule.js';
import { collectEndpoints, HTTP_METHODS, type Endpoint } from '../../spec/facts/endpoints.js';
import { closest, fold } from '../../text/fold.js';
import { sectionIndexes, subtreeSections } from '../../spec/walk.js';
import { trimEnd } from '../../text/scan.js';

const SECTION_ID = 'implementation-design/api-endpoints';

/** Health, readiness, liveness, metrics and discovery routes: served beside an API, never under its version. */
const OPS_ROUTE =
  /^\/(?:health\w*|health-check|ready\w*|readiness|live\w*|liveness|metrics|ping|status|version|\.well-known|openapi[\w.-]*|swagger[\w.-]*)(?:\/|$)/i;
/** A line that says the route is already there and stays as it is. */
const EXISTING =
  /\b(?:existing|already exists?|unchanged|legacy|existente|ja existe|inalterad[oa]|sem alteracao|legado|mantid[oa])\b/;

const PARAM_STYLES = [
  { style: '{id}', pattern: /\{[^}/]{1,256}\}/ },
  { style: ':id', pattern: /(?:^|\/)(:[A-Za-z_]\w*)/ },
  { style: '<id>', pattern: /<[^>/]{1,256}>/ },
  { style: '[id]', pattern: /\[[^\]/]{1,256}\]/ },
] as const;

export const apiEndpointFormat = defineRule({
  id: 'api-endpoint-format',
  description:
    'Checks that API endpoints read `METHOD /path` with a real HTTP method, one path-parameter style, the version prefix and no duplicates.',
  severity: 'warning',
  strict: true,
  fixable: false,
  messages: {
    methodCase:
      'Unexpected HTTP method `{{method}}` in `{{endpoint}}`, expected it in upper case: `{{expected}}`',
    unknownMethod: 'Unexpected HTTP method `{{method}}` in `{{endpoint}}`, expected {{expected}}',
    paramStyle:
      'Unexpected path parameter `{{param}}` in `{{endpoint}}`, expected the `{{style}}` style the other endpoints of this spec use',
    prefix: 'Unexpected version prefix `{{actual}}` in `{{endpoint}}`{{more}}, expected `{{expected}}`',
    prefixMissing:
      'Unexpected path `{{endpoint}}` outside `{{expected}}`{{more}}, expected every endpoint under that prefix',
    duplicate:
      'Unexpected second `{{endpoint}}` (first on line {{first}}), expected each method and path once',
  },
  options: z.strictObject({
    /** Version prefix every path should start with, such as `/api/v1`; off (`false`) unless configured. */
    prefix: z.union([z.string(), z.literal(false)]).default(false),
  }),
  check(doc, ctx) {
    const endpoints = sectionIndexes(doc, SECTION_ID).flatMap((index) =>
      collectEndpoints(doc, subtreeSections(doc, index)),
    );
    const at = (e: Endpoint) => ({ line: e.line, column: e.column, endColumn: e.endColumn });
    const show = (e: Endpoint) => `${e.method} ${e.path}`;
    for (const e of endpoints) {
      const upper = e.method.toUpperCase();
      if ((HTTP_METHODS as readonly string[]).includes(upper)) {
        if (e.method !== upper) {
          ctx.report({
            messageId: 'methodCase',
            data: { method: e.method, endpoint: show(e), expected: upper },
            ...at(e),
          });
        }
        continue;
      }
      const near = closest(upper, HTTP_METHODS, 2);
      const expected = near ? `\`${near}\`` : `one of ${HTTP_METHODS.join(', ')}`;
      ctx.report({
        messageId: 'unknownMethod',
        data: { method: e.method, endpoint: show(e), expected },
        ...at(e),
      });
    }
    const own = endpoints.filter((e) => !e.absolute);
    // Mentions in prose often name endpoints that already exist elsewhere; the prefix and duplicates
    // checks judge only the endpoints the spec declares (list items, table rows, headings, http blocks).
    const declared = own.filter((e) => e.kind !== 'mention');
    const styleOf = (e: Endpoint) => PARAM_STYLES.find((s) => s.pattern.test(e.path));
    const counts = new Map<string, number>();
    for (const e of own) {
      const style = styleOf(e)?.style;
      if (style) counts.set(style, (counts.get(style) ?? 0) + 1);
    }
    // The most used style wins; on a tie, the first one written.
    const dominant = [...counts.entries()].reduce<[string, number] | undefined>(
      (best, entry) => (!best || entry[1] > best[1] ? entry : best),
      undefined,
    )?.[0];
    for (const e of own) {
      const style = styleOf(e);
      if (!style || style.style === dominant || !dominant) continue;
      const match = style.pattern.exec(e.path);
      const param = match?.[1] ?? match?.[0] ?? '';
      ctx.report({ messageId: 'paramStyle', data: { param, endpoint: show(e), style: dominant }, ...at(e) });
    }
    const prefix = ctx.options.prefix === false ? '' : trimEnd(ctx.options.prefix, '/');
    // Probes and ops routes (`/health`, `/metrics`) live outside any API version, and so do the routes the spec
    // marks as already there (`(existing)`, `já existente`, `legacy`): the spec does not declare them anew.
    const versioned = declared.filter(
      (e) => !OPS_ROUTE.test(e.fullPath) && !EXISTING.test(fold(doc.lines[e.line - 1] ?? '')),
    );
    if (prefix !== '')
      reportPrefixes(versioned, prefix.startsWith('/') ? prefix : `/${prefix}`, (e, data, missing) => {
        ctx.report({
          messageId: missing ? 'prefixMissing' : 'prefix',
          data: { ...data, endpoint: `${e.method} ${e.fullPath}` },
          ...at(e),
        });
      });
    const seen = new Map<string, Endpoint>();
    for (const e of endpoints) {
      if (e.kind === 'mention') continue;
      const key = `${e.kind} ${e.method.toUpperCase()} ${normalizePath(e.fullPath)}`;
      const first = seen.get(key);
      if (!first) seen.set(key, e);
      else ctx.report({ messageId: 'duplicate', data: { endpoint: show(e), first: first.line }, ...at(e) });
    }
  },
});

/** `/users/:id/` and `/users/{userId}` are the same route. */
function normalizePath(path: string): string {
  // Parameters are bounded (no name has 256 characters): an unclosed `{` no longer rescans the rest of the path.
  const params = path.replace(
    /\{[^}/]{1,256}\}|(?<=\/):[A-Za-z_]\w*|<[^>/]{1,256}>|\[[^\]/]{1,256}\]/g,
    '{}',
  );
  const trimmed = trimEnd(params, '/');
  return trimmed === '' ? params.slice(0, 1) : trimmed;
}

/** `/api/v1/users` → `/api/v1`: the path up to its version segment, if one is among the first three. */
function versionPrefix(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  const index = segments.slice(0, 3).findIndex((s) => /^v\d+(?:\.\d+)?$/i.test(s));
  return index < 0 ? undefined : `/${segments.slice(0, index + 1).join('/')}`;
}

type PrefixReport = (e: Endpoint, data: Record<string, string>, missing: boolean) => void;

/** One finding per distinct wrong prefix (at its first endpoint), so a spec on `/api/v1` gets one line, not fifty. */
function reportPrefixes(endpoints: readonly Endpoint[], expected: string, report: PrefixReport): void {
  const groups = new Map<string, Endpoint[]>();
  for (const e of endpoints) {
    if (e.fullPath === expected || e.fullPath.startsWith(`${expected}/`)) continue;
    const key = versionPrefix(e.fullPath) ?? '';
    const group = groups.get(key) ?? [];
    if (!group.some((g) => g.method.toUpperCase() === e.method.toUpperCase() && g.fullPath === e.fullPath))
      group.push(e);
    groups.set(key, group);
  }
  for (const [actual, group] of groups) {
    const first = group[0];
    if (!first) continue;
    const others = group.length - 1;
    const more = others === 0 ? '' : ` (and ${others} more endpoint${others === 1 ? '' : 's'})`;
    report(first, { actual, expected, more }, actual === '');
  }
}
