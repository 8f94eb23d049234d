// API Endpoints against the routes the code declares: endpoints no route declares, routes the spec does not list.
import { collectEndpoints, HTTP_METHODS, type Endpoint } from '../spec/facts/endpoints.js';
import { sectionIndexes, subtreeSections } from '../spec/walk.js';
import type { SpecDocument } from '../spec/model.js';
import type { EndpointState } from './model.js';
import type { DriftFinding } from './rules.js';
import type { Route, RouteScan } from './routes/index.js';
import { whyDrift } from './status.js';
import { cutAt } from '../text/scan.js';

const SECTION_ID = 'implementation-design/api-endpoints';
/** A placeholder for any path parameter, and for a catch-all tail. */
const PARAM = '{}';
const REST = '*';
/** Segments that say nothing about which resource a prefix is for. */
const GENERIC = /^(?:api|rest|v\d+(?:\.\d+)?|public|internal|external|private)$/i;

export interface EndpointsOutcome {
  findings: DriftFinding[];
  notes: string[];
  states: EndpointState[];
}

export interface EndpointCheck {
  doc: SpecDocument;
  /** The spec's endpoints (`specEndpoints(doc)`). */
  endpoints: readonly Endpoint[];
  now: RouteScan;
  /** The spec's status when it says the work is in the code: then every endpoint must have its route. */
  implemented?: string;
  /** The baseline's label and its routes (read on first need). */
  baseline?: { label: string; routes: () => Promise<RouteScan> };
}

/** The endpoints a spec declares in API Endpoints (list items, table rows, headings, http blocks; not prose). */
export function specEndpoints(doc: SpecDocument): Endpoint[] {
  return sectionIndexes(doc, SECTION_ID)
    .flatMap((index) => collectEndpoints(doc, subtreeSections(doc, index)))
    .filter(
      (e) =>
        e.kind !== 'mention' &&
        !e.absolute &&
        (HTTP_METHODS as readonly string[]).includes(e.method.toUpperCase()),
    );
}

/**
 * A missing endpoint is drift when the spec's status says the work is done, or when a route declared it at the
 * baseline (it was removed or moved since); otherwise it is still planned. An unlisted route under the spec's prefix
 * is drift when it is new since the baseline (every unlisted route, without a baseline).
 */
export async function endpointDrift(check: EndpointCheck): Promise<EndpointsOutcome> {
  const { doc, now, endpoints } = check;
  const out: EndpointsOutcome = { findings: [], notes: [], states: [] };
  if (endpoints.length === 0) return out;
  if (now.routes.length === 0) {
    const count = `${endpoints.length} API endpoint${endpoints.length === 1 ? '' : 's'}`;
    out.notes.push(
      `${count} not checked: no route of a supported framework (Express, Fastify, Hono, Koa, NestJS, Next.js) was found in the code`,
    );
    return out;
  }
  const routes = indexed(now);
  const found = `${routes.length} ${now.frameworks.join(', ')} route${routes.length === 1 ? '' : 's'}`;
  let then: Indexed[] | undefined;
  const atBaseline = async (): Promise<Indexed[]> =>
    (then ??= check.baseline ? indexed(await check.baseline.routes()) : []);
  const wanted = endpoints.map((e) => ({
    e,
    method: e.method.toUpperCase(),
    segments: segmentsOf(e.fullPath),
  }));
  for (const { e, method, segments } of wanted) {
    const endpoint = `${method} ${e.fullPath}`;
    const route = routes.find((r) => matches(r.route, r.segments, method, segments));
    if (route) {
      out.states.push({ endpoint, status: 'present', line: e.line, route: where(route.route) });
      continue;
    }
    const before =
      check.implemented === undefined
        ? (await atBaseline()).find((r) => matches(r.route, r.segments, method, segments))
        : undefined;
    const why = whyDrift(
      { implemented: check.implemented, baseline: check.baseline?.label },
      before && `${where(before.route)} declared it`,
    );
    out.states.push({ endpoint, status: why === undefined ? 'planned' : 'missing', line: e.line });
    if (why === undefined) continue;
    const near = routes.find((r) => matches({ ...r.route, method: 'ALL' }, r.segments, method, segments));
    out.findings.push({
      ruleId: 'drift/endpoint-missing',
      data: { endpoint, why, routes: found },
      at: { line: e.line, column: e.column, endColumn: e.endColumn },
      ...(near ? { hint: `The code declares \`${describe(near.route)}\` on this path` } : {}),
    });
  }
  out.findings.push(...(await unlisted(doc, wanted, routes, check.baseline ? atBaseline : undefined)));
  return out;
}

interface Indexed {
  route: Route;
  segments: string[];
}

function indexed(scan: RouteScan): Indexed[] {
  return scan.routes.map((route) => ({ route, segments: segmentsOf(route.path) }));
}

async function unlisted(
  doc: SpecDocument,
  wanted: readonly { method: string; segments: string[] }[],
  routes: readonly Indexed[],
  atBaseline: (() => Promise<Indexed[]>) | undefined,
): Promise<DriftFinding[]> {
  const prefix = commonPrefix(wanted.map((w) => w.segments));
  if (!prefix.some((segment) => segment !== PARAM && !GENERIC.test(segment))) return [];
  const candidates = routes.filter(
    ({ route, segments }) =>
      under(route, segments, prefix) && !wanted.some((w) => matches(route, segments, w.method, w.segments)),
  );
  if (candidates.length === 0) return [];
  // Quiet by default: a route the code already had at the baseline was left out of the spec on purpose.
  const then = atBaseline ? await atBaseline() : [];
  const section = doc.sections[sectionIndexes(doc, SECTION_ID)[0] ?? -1];
  const seen = new Set<string>();
  const findings: DriftFinding[] = [];
  for (const { route, segments } of candidates) {
    const key = `${route.method} ${segments.join('/')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (then.some((old) => old.route.method === route.method && same(old.segments, segments))) continue;
    findings.push({
      ruleId: 'drift/endpoint-unlisted',
      data: {
        endpoint: `${route.method === 'ALL' ? '*' : route.method} ${route.path}`,
        framework: route.framework,
        where: `${route.file}:${route.line}`,
        prefix: `/${prefix.join('/')}`,
      },
      at: { line: section?.heading.line ?? 1, column: section?.heading.column ?? 1 },
    });
  }
  return findings;
}

function where(route: Route): string {
  return `${route.framework} ${route.file}:${route.line}`;
}

function describe(route: Route): string {
  return (
    `${route.method === 'ALL' ? '*' : route.method} ${route.path}` +
    ` (${route.framework}, ${route.file}:${route.line})`
  );
}

/**
 * `/Users/:id/` → `users/{}`: lower case, every parameter style (`:id`, `{id}`, `[id]`, `<id>`, `<int:id>`) one
 * placeholder, a catch-all (`*`, `[...slug]`, `:path*`) the rest marker, no empty segments.
 */
function segmentsOf(path: string): string[] {
  return cutAt(path, '?#')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      if (/^\*|^\[\[?\.\.\.|^:\w+[*+]$|^\{\w*\*\}$/.test(segment)) return REST;
      if (/^:\w+\??$|^\{[^}]*\}$|^\[[^\]]+\]$|^<[^>]+>$|^:\w+\(.*\)$/.test(segment)) return PARAM;
      return segment.toLowerCase();
    });
}

/**
 * Does `route` declare `method` on the spec path `wanted`? An anchored route must match the whole path; one whose
 * mount prefix is unknown may match its tail, when that tail holds a segment that is not a parameter.
 */
function matches(
  route: Route,
  segments: readonly string[],
  method: string,
  wanted: readonly string[],
): boolean {
  const methodOk =
    route.method === 'ALL' || route.method === method || (method === 'HEAD' && route.method === 'GET');
  if (!methodOk) return false;
  if (same(segments, wanted)) return true;
  if (route.anchored || !segments.some((s) => s !== PARAM && s !== REST)) return false;
  for (let start = 1; start < wanted.length; start++) if (same(segments, wanted.slice(start))) return true;
  return false;
}

function same(route: readonly string[], wanted: readonly string[]): boolean {
  for (let i = 0; i < route.length; i++) {
    const segment = route[i];
    if (segment === REST) return wanted.length > i;
    if (i >= wanted.length) return false;
    if (segment !== wanted[i] && !(segment === PARAM && wanted[i] === PARAM)) return false;
  }
  return route.length === wanted.length;
}

/** The leading segments every endpoint shares, without trailing parameters. */
function commonPrefix(paths: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = paths;
  if (!first) return [];
  let length = first.length;
  for (const other of rest) {
    let i = 0;
    while (i < length && i < other.length && other[i] === first[i]) i++;
    length = i;
  }
  const prefix = first.slice(0, length);
  while (prefix.length > 0 && (prefix.at(-1) === PARAM || prefix.at(-1) === REST)) prefix.pop();
  return prefix;
}

/** Is the route under the prefix: from its start, or (mount unknown) from some specific segment of the prefix on? */
function under(route: Route, segments: readonly string[], prefix: readonly string[]): boolean {
  const startsWith = (tail: readonly string[]): boolean =>
    tail.length <= segments.length && tail.every((segment, i) => segments[i] === segment);
  if (startsWith(prefix)) return true;
  if (route.anchored) return false;
  for (let start = 1; start < prefix.length; start++) {
    const tail = prefix.slice(start);
    if (tail.some((s) => s !== PARAM && !GENERIC.test(s)) && startsWith(tail)) return true;
  }
  return false;
}
