// Routes as the code declares them, before and after mount prefixes are applied, and what a framework module gives.
import { HTTP_METHODS } from '../../spec/facts/endpoints.js';
import type { Expr, SourceFacts } from './syntax.js';

export type Framework = 'Express' | 'Fastify' | 'Hono' | 'Koa' | 'NestJS' | 'Next.js';

/** A route of the repository: method (`ALL` for any), path as the code writes it, where it is declared. */
export interface Route {
  method: string;
  path: string;
  framework: Framework;
  file: string;
  line: number;
  /**
   * The full path is known (declared on an application, or mounted up to one). An unanchored route (a router
   * mounted in a way we could not follow) may sit under any prefix: it matches a spec path that ends with it.
   */
  anchored: boolean;
}

/** A route as one file declares it: its path under its owner (the router, app or plugin function it is on). */
export interface DraftRoute extends Route {
  /** The owner's name in this file (a binding, a function scope `#<offset>`); undefined for an inline object. */
  owner?: string;
}

/** What a mount call names as mounted: a name of this file, or an export of another module. */
export type MountTarget =
  | { kind: 'local'; name: string }
  | { kind: 'import'; from: string; name: string }
  /** What function `name` (of this file, or imported) returns: `app.route('/x', createRoutes(deps))`. */
  | { kind: 'result'; name: string };

/** `app.use('/api', router)`: the routes of `target` live under the mounting owner's prefixes plus `prefix`. */
export interface Mount {
  file: string;
  owner?: string;
  /** The mounting object's own prefix (a Hono `basePath`), and whether it is an application. */
  ownerPrefix: string;
  ownerRoot: boolean;
  prefix: string;
  target: MountTarget;
}

export interface FileRoutes {
  routes: DraftRoute[];
  mounts: Mount[];
}

/** A framework that declares routes through calls on objects (`app.get('/x', h)`). */
export interface CallStyle {
  framework: Extract<Framework, 'Express' | 'Fastify' | 'Hono' | 'Koa'>;
  /** Import specifiers that mark a file as using this framework. */
  modules: (specifier: string) => boolean;
  /** Method name as called → HTTP method (`ALL` for any method). */
  methods: Readonly<Record<string, string>>;
  /** Express `app.route('/x').get(h)`: the one-argument call that gives a chain its path. */
  chainPath?: string;
  /** Hono `basePath('/x')`: a call returning its receiver under a prefix. */
  basePath?: string;
  /** Is `value` (a binding's initial value) an application rather than a router? */
  isRoot(value: Expr, facts: SourceFacts): boolean;
  /** The prefix a constructor gives its object (Koa `new Router({ prefix })`). */
  ownPrefix?(value: Expr): string | undefined;
  /** A mount call: its prefix and what it mounts. */
  mount(method: string, args: readonly Expr[]): { prefix: string; targets: Expr[] } | undefined;
  /** Calls that declare routes in another shape: Fastify `route({ method, url })`, Hono `on('GET', '/x')`. */
  declare?(method: string, args: readonly Expr[]): { methods: string[]; paths: string[] } | undefined;
}

/** `{ get: 'GET', … }` for the lower-case method calls most frameworks share, plus extras. */
export function methodTable(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...Object.fromEntries(HTTP_METHODS.map((m) => [m.toLowerCase(), m])),
    all: 'ALL',
    ...extra,
  };
}

/** Express and Koa's mount call, `use('/prefix', …targets)` or `use(…targets)`. */
export function useMount(
  method: string,
  args: readonly Expr[],
): { prefix: string; targets: Expr[] } | undefined {
  if (method !== 'use') return undefined;
  const prefix = stringOf(args[0]);
  return prefix === undefined ? { prefix: '', targets: [...args] } : { prefix, targets: args.slice(1) };
}

/** A string value of an expression, when the code writes it literally (template literals of literals too). */
export function stringOf(expr: Expr | undefined): string | undefined {
  return expr?.kind === 'string' ? expr.value : undefined;
}

/** Strings of a string or of an array of strings (`['/a', '/b']`). */
export function stringsOf(expr: Expr | undefined): string[] {
  if (expr?.kind === 'array') return expr.items.flatMap((item) => stringsOf(item));
  const value = stringOf(expr);
  return value === undefined ? [] : [value];
}

/** Joins path pieces with single slashes: `('/api/', 'v0', '/x/')` → `/api/v0/x`; nothing → `/`. */
export function joinPaths(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '');
  return `/${segments.join('/')}`;
}
