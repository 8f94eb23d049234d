// One JavaScript or TypeScript file, parsed with tree-sitter, as the plain facts route extraction reads: imports,
// exports, bindings, member calls with their enclosing functions, decorated classes. No tree outlives `readSource`.
import type { Node, Query } from 'web-tree-sitter';
import { argsOf, readClass, type ClassFacts } from './classes.js';

/** An expression, as far as routes need to see into it. */
export type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'template'; parts: (string | Expr)[] }
  | { kind: 'ident'; name: string }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'new'; callee: Expr; args: Expr[] }
  | { kind: 'import'; specifier: string }
  | { kind: 'object'; props: ReadonlyMap<string, Expr> }
  | { kind: 'array'; items: Expr[] }
  /** A function expression; `id` names its scope (`#<offset>`). */
  | { kind: 'function'; id: string }
  | { kind: 'other' };

/** A function around a call: its name (declared, bound, `default`, or `#<offset>`) and its parameters. */
export interface Scope {
  name: string;
  params: string[];
}

export interface Call {
  receiver: Expr;
  method: string;
  args: Expr[];
  line: number;
  /** Enclosing functions, innermost first. */
  scopes: Scope[];
}

export interface SourceFacts {
  file: string;
  /** Module specifiers imported or required. */
  specifiers: string[];
  /** Local name → the module and the name it was imported as (`default`, `*`, or the export's name). */
  imports: Map<string, { from: string; name: string }>;
  /** Exported name (`default` too) → the local binding or function scope name. */
  exports: Map<string, string>;
  /** Variable name → its initial value (the first declaration of a name wins). */
  bindings: Map<string, Expr>;
  /** Function scope name → the name it returns (`return app;`): what a factory such as `createRoutes()` gives. */
  returns: Map<string, string>;
  calls: Call[];
  classes: ClassFacts[];
}

/** The query that finds every node `readSource` looks at; compiled once per grammar and run. */
export const SOURCE_QUERY = `
  (import_statement) @import
  (call_expression function: (member_expression)) @call
  (variable_declarator name: (identifier) value: (_)) @binding
  (variable_declarator name: (object_pattern) value: (call_expression)) @destructure
  (export_statement) @export
  (class_declaration) @class
  (assignment_expression left: (member_expression) right: (_)) @assign
  (return_statement (identifier) @return)`;

const MAX_DEPTH = 6;
const FUNCTIONS = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'generator_function_declaration',
  'method_definition',
]);

/** Reads the facts of `text` from a parsed tree's root, with the query compiled for its grammar. */
export function readSource(file: string, text: string, root: Node, query: Query): SourceFacts {
  const facts: SourceFacts = {
    file,
    specifiers: [],
    imports: new Map(),
    exports: new Map(),
    returns: new Map(),
    bindings: new Map(),
    calls: [],
    classes: [],
  };
  const src = (node: Node): string => text.slice(node.startIndex, node.endIndex);
  const expr = (node: Node | null, depth = 0): Expr => toExpr(node, depth, src);
  for (const { name, node } of query.captures(root)) {
    if (name === 'import') readImport(node, facts, src);
    else if (name === 'call') {
      const callee = node.childForFieldName('function');
      const property = callee?.childForFieldName('property');
      if (!callee || !property) continue;
      facts.calls.push({
        receiver: expr(callee.childForFieldName('object')),
        method: src(property),
        args: argsOf(node, expr),
        line: node.startPosition.row + 1,
        scopes: scopesOf(node, src),
      });
    } else if (name === 'binding') {
      const id = src(node.childForFieldName('name') ?? node);
      const value = node.childForFieldName('value');
      if (!facts.bindings.has(id)) facts.bindings.set(id, expr(value));
      const required = requireOf(value, src);
      if (required !== undefined) {
        facts.specifiers.push(required);
        facts.imports.set(id, { from: required, name: 'default' });
      }
    } else if (name === 'destructure') {
      // `const { Router } = require('express')`: each name is imported from the module.
      const required = requireOf(node.childForFieldName('value'), src);
      if (required === undefined) continue;
      facts.specifiers.push(required);
      for (const part of node.childForFieldName('name')?.namedChildren ?? []) {
        const imported = part.type === 'pair_pattern' ? part.childForFieldName('key') : part;
        const local = part.type === 'pair_pattern' ? part.childForFieldName('value') : part;
        if (imported && local?.type.includes('identifier')) {
          facts.imports.set(src(local), { from: required, name: src(imported) });
        }
      }
    } else if (name === 'export') readExport(node, facts, src);
    else if (name === 'class') facts.classes.push(readClass(node, src, expr));
    else if (name === 'return') {
      const scope = scopesOf(node, src)[0];
      if (scope && !facts.returns.has(scope.name)) facts.returns.set(scope.name, src(node));
    } else if (name === 'assign') {
      const left = node.childForFieldName('left');
      if (left && src(left) === 'module.exports') {
        const target = scopeNameOf(node.childForFieldName('right'), src);
        if (target !== undefined) facts.exports.set('default', target);
      }
    }
  }
  return facts;
}

function toExpr(node: Node | null, depth: number, src: (node: Node) => string): Expr {
  if (!node || depth > MAX_DEPTH) return { kind: 'other' };
  const next = (child: Node | null): Expr => toExpr(child, depth + 1, src);
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: src(node).slice(1, -1) };
    case 'template_string': {
      const parts = node.namedChildren.map((part) =>
        part.type === 'template_substitution' ? next(part.namedChildren[0] ?? null) : src(part),
      );
      return parts.every((part) => typeof part === 'string')
        ? { kind: 'string', value: parts.join('') }
        : { kind: 'template', parts };
    }
    case 'identifier':
    case 'property_identifier':
    case 'type_identifier':
    case 'this':
      return { kind: 'ident', name: src(node) };
    case 'member_expression':
      return {
        kind: 'member',
        object: next(node.childForFieldName('object')),
        property: src(node.childForFieldName('property') ?? node),
      };
    case 'call_expression': {
      const callee = node.childForFieldName('function');
      const args = argsOf(node, next);
      const first = args[0];
      if (callee?.type === 'import' && first?.kind === 'string')
        return { kind: 'import', specifier: first.value };
      return { kind: 'call', callee: next(callee), args };
    }
    case 'new_expression':
      return { kind: 'new', callee: next(node.childForFieldName('constructor')), args: argsOf(node, next) };
    case 'object': {
      const props = new Map<string, Expr>();
      for (const pair of node.namedChildren) {
        const key = pair.childForFieldName('key');
        if (pair.type === 'pair' && key)
          props.set(src(key).replace(/^['"]|['"]$/g, ''), next(pair.childForFieldName('value')));
      }
      return { kind: 'object', props };
    }
    case 'array':
      return { kind: 'array', items: node.namedChildren.map(next) };
    case 'parenthesized_expression':
    case 'await_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
      return toExpr(node.namedChildren[0] ?? null, depth, src);
    default:
      return FUNCTIONS.has(node.type) ? { kind: 'function', id: `#${node.startIndex}` } : { kind: 'other' };
  }
}

function requireOf(value: Node | null, src: (node: Node) => string): string | undefined {
  if (value?.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function');
  const first = value.childForFieldName('arguments')?.namedChildren[0];
  if (!callee || src(callee) !== 'require' || first?.type !== 'string') return undefined;
  return src(first).slice(1, -1);
}

function readImport(node: Node, facts: SourceFacts, src: (node: Node) => string): void {
  const source = node.childForFieldName('source');
  if (!source) return;
  const from = src(source).slice(1, -1);
  facts.specifiers.push(from);
  const clause = node.namedChildren.find((child) => child.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (part.type === 'identifier') facts.imports.set(src(part), { from, name: 'default' });
    else if (part.type === 'namespace_import') {
      const local = part.namedChildren[0];
      if (local) facts.imports.set(src(local), { from, name: '*' });
    } else if (part.type === 'named_imports') {
      for (const spec of part.namedChildren) {
        const imported = spec.childForFieldName('name');
        const alias = spec.childForFieldName('alias') ?? imported;
        if (imported && alias) facts.imports.set(src(alias), { from, name: src(imported) });
      }
    }
  }
}

function readExport(node: Node, facts: SourceFacts, src: (node: Node) => string): void {
  const declaration = node.childForFieldName('declaration');
  const value = node.childForFieldName('value');
  if (value) {
    const target = scopeNameOf(value, src);
    if (target !== undefined) facts.exports.set('default', target);
  } else if (declaration) {
    const isDefault = node.children.some((child) => child.type === 'default');
    const named = declaration.childForFieldName('name');
    if (named) facts.exports.set(isDefault ? 'default' : src(named), src(named));
    else if (isDefault) facts.exports.set('default', `#${declaration.startIndex}`);
    for (const declarator of declaration.namedChildren) {
      const id = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
      if (id) facts.exports.set(src(id), src(id));
    }
  }
  const clause = node.namedChildren.find((child) => child.type === 'export_clause');
  for (const spec of clause?.namedChildren ?? []) {
    const local = spec.childForFieldName('name');
    const alias = spec.childForFieldName('alias') ?? local;
    if (local && alias) facts.exports.set(src(alias), src(local));
  }
}

/** The name that a value exported or assigned stands for: an identifier, a function's scope, a wrapped function. */
function scopeNameOf(node: Node | null, src: (node: Node) => string): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return src(node);
  if (FUNCTIONS.has(node.type)) {
    const name = node.childForFieldName('name');
    return name ? src(name) : `#${node.startIndex}`;
  }
  if (node.type === 'call_expression') {
    // `export default fp(async (fastify) => …)`: the plugin is the function inside the wrapper.
    const inner = node.childForFieldName('arguments')?.namedChildren.find((arg) => FUNCTIONS.has(arg.type));
    return inner ? `#${inner.startIndex}` : undefined;
  }
  return undefined;
}

function scopesOf(node: Node, src: (node: Node) => string): Scope[] {
  const scopes: Scope[] = [];
  for (let at = node.parent; at && scopes.length < 4; at = at.parent) {
    if (!FUNCTIONS.has(at.type)) continue;
    const own = at.childForFieldName('name');
    const parent = at.parent;
    const bound = parent?.type === 'variable_declarator' ? parent.childForFieldName('name') : null;
    const name = own && at.type !== 'method_definition' ? src(own) : bound ? src(bound) : `#${at.startIndex}`;
    scopes.push({ name, params: paramsOf(at, src) });
  }
  return scopes;
}

function paramsOf(fn: Node, src: (node: Node) => string): string[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [src(params)];
  return params.namedChildren.flatMap((param) => {
    const id = param.type === 'identifier' ? param : param.childForFieldName('pattern');
    return id?.type === 'identifier' ? [src(id)] : [];
  });
}
