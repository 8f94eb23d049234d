// Routes declared by calls on objects (`router.get('/x', h)`), shared by Express, Fastify, Hono and Koa: which object
// owns each route, the prefix it carries, and the mount calls that put one object's routes under another's.
import type { CallStyle, DraftRoute, FileRoutes, MountTarget } from './model.js';
import { joinPaths, stringOf, stringsOf } from './model.js';
import type { Call, Expr, Scope, SourceFacts } from './syntax.js';

interface Owner {
  /** The owner's name in this file; undefined for an object made inline. */
  name?: string;
  prefix: string;
  root: boolean;
}

const MAX_HOPS = 8;

/** Every route and mount of one file, read with one framework's conventions. */
export function callRoutes(facts: SourceFacts, style: CallStyle): FileRoutes {
  const out: FileRoutes = { routes: [], mounts: [] };
  for (const call of facts.calls) {
    const method = style.methods[call.method];
    const declared = style.declare?.(call.method, call.args);
    if (method !== undefined || declared) {
      const found: { paths: string[]; chained?: number } | undefined = declared ?? pathsOf(call, style);
      if (!found) continue;
      const owner = ownerOf(call.receiver, facts, call.scopes, style, found.chained ?? 0);
      for (const path of found.paths) {
        for (const verb of declared ? declared.methods : [method ?? 'ALL']) {
          const route: DraftRoute = {
            method: verb,
            path: joinPaths(owner.prefix, path),
            framework: style.framework,
            file: facts.file,
            line: call.line,
            anchored: owner.root,
          };
          if (owner.name !== undefined) route.owner = owner.name;
          out.routes.push(route);
        }
      }
      continue;
    }
    const mount = style.mount(call.method, call.args);
    if (!mount) continue;
    const owner = ownerOf(call.receiver, facts, call.scopes, style, 0);
    for (const target of mount.targets.flatMap((t) => targetOf(t, facts))) {
      out.mounts.push({
        file: facts.file,
        ...(owner.name === undefined ? {} : { owner: owner.name }),
        ownerPrefix: owner.prefix,
        ownerRoot: owner.root,
        prefix: mount.prefix,
        target,
      });
    }
  }
  return out;
}

/** The paths of a method call: its first argument, or the path of the `route('/x')` call its chain starts from. */
function pathsOf(call: Call, style: CallStyle): { paths: string[]; chained?: number } | undefined {
  const paths = stringsOf(call.args[0]).filter(isRoutePath);
  if (paths.length > 0) return { paths };
  if (!style.chainPath || stringOf(call.args[0]) !== undefined) return undefined;
  // `app.route('/x').get(a).post(b)`: walk down the chain of method calls to the `route` call.
  let receiver = call.receiver;
  for (
    let hops = 0;
    hops < MAX_HOPS && receiver.kind === 'call' && receiver.callee.kind === 'member';
    hops++
  ) {
    const { property } = receiver.callee;
    if (property === style.chainPath && receiver.args.length === 1) {
      const chained = stringsOf(receiver.args[0]).filter(isRoutePath);
      return chained.length > 0 ? { paths: chained, chained: hops + 1 } : undefined;
    }
    if (style.methods[property] === undefined) return undefined;
    receiver = receiver.callee.object;
  }
  return undefined;
}

function isRoutePath(path: string): boolean {
  return path.startsWith('/') || path === '*';
}

/**
 * Who owns the routes called on `expr`: a name bound in this file (following `basePath` and method chains to the
 * object underneath), a function whose parameter it is (a plugin), or an object made inline.
 */
function ownerOf(
  expr: Expr,
  facts: SourceFacts,
  scopes: readonly Scope[],
  style: CallStyle,
  skip: number,
): Owner {
  let current = expr;
  // Skip the calls of a chain that pathsOf already walked (`app.route('/x').get(a)` is owned by `app`).
  for (let i = 0; i < skip && current.kind === 'call' && current.callee.kind === 'member'; i++) {
    current = current.callee.object;
  }
  return ownerAt(current, facts, scopes, style, 0);
}

function ownerAt(
  expr: Expr,
  facts: SourceFacts,
  scopes: readonly Scope[],
  style: CallStyle,
  depth: number,
): Owner {
  if (depth > MAX_HOPS) return { prefix: '', root: false };
  const next = (inner: Expr): Owner => ownerAt(inner, facts, scopes, style, depth + 1);
  if (expr.kind === 'ident') {
    const scope = scopes.find((s) => s.params.includes(expr.name));
    if (scope) return { name: scope.name, prefix: '', root: false };
    const value = facts.bindings.get(expr.name);
    if (value && isBasePath(value, style)) {
      const inner = next(value.callee.object);
      return { ...inner, prefix: joinPaths(inner.prefix, basePathOf(value)) };
    }
    return {
      name: expr.name,
      prefix: (value && style.ownPrefix?.(value)) ?? '',
      root: value !== undefined && style.isRoot(value, facts),
    };
  }
  if (expr.kind === 'member') return { name: render(expr), prefix: '', root: false };
  if (expr.kind === 'call' && expr.callee.kind === 'member') {
    if (isBasePath(expr, style)) {
      const inner = next(expr.callee.object);
      return { ...inner, prefix: joinPaths(inner.prefix, basePathOf(expr)) };
    }
    if (style.methods[expr.callee.property] !== undefined) return next(expr.callee.object);
  }
  return { prefix: style.ownPrefix?.(expr) ?? '', root: style.isRoot(expr, facts) };
}

type MemberCall = Extract<Expr, { kind: 'call' }> & { callee: Extract<Expr, { kind: 'member' }> };

function isBasePath(expr: Expr, style: CallStyle): expr is MemberCall {
  return (
    style.basePath !== undefined &&
    expr.kind === 'call' &&
    expr.callee.kind === 'member' &&
    expr.callee.property === style.basePath
  );
}

function basePathOf(call: MemberCall): string {
  return stringOf(call.args[0]) ?? '';
}

function render(expr: Expr): string {
  if (expr.kind === 'ident') return expr.name;
  if (expr.kind === 'member') return `${render(expr.object)}.${expr.property}`;
  return '?';
}

/** What a mount call's argument mounts: a local router or plugin, or another module's export. */
function targetOf(expr: Expr, facts: SourceFacts): MountTarget[] {
  if (expr.kind === 'function') return [{ kind: 'local', name: expr.id }];
  if (expr.kind === 'import') return [{ kind: 'import', from: expr.specifier, name: 'default' }];
  if (expr.kind === 'ident') {
    const imported = facts.imports.get(expr.name);
    if (imported) return [{ kind: 'import', ...imported }];
    const value = facts.bindings.get(expr.name);
    // `const plugin = fp(async (app) => …)`: the routes are on the wrapped function's parameter.
    const wrapped = value?.kind === 'call' ? value.args.find((arg) => arg.kind === 'function') : undefined;
    if (wrapped?.kind === 'function') return [{ kind: 'local', name: wrapped.id }];
    // `const boards = createBoardRoutes(service)`: the routes are on what the factory returns.
    if (value?.kind === 'call' && value.callee.kind === 'ident' && value.callee.name !== 'require') {
      return [{ kind: 'result', name: value.callee.name }];
    }
    return [{ kind: 'local', name: expr.name }];
  }
  if (expr.kind === 'call') {
    // Koa `router.routes()`, `fp(fn)`, `require('./x')`.
    if (expr.callee.kind === 'member') return targetOf(expr.callee.object, facts);
    const fn = expr.args.find((arg) => arg.kind === 'function');
    if (fn) return targetOf(fn, facts);
    if (expr.callee.kind === 'ident' && expr.callee.name !== 'require') {
      return [{ kind: 'result', name: expr.callee.name }];
    }
    const required =
      expr.callee.kind === 'ident' && expr.callee.name === 'require' ? stringOf(expr.args[0]) : undefined;
    if (required !== undefined) return [{ kind: 'import', from: required, name: 'default' }];
  }
  return [];
}
