// The classes of a file with their decorators and their methods' decorators: what NestJS declares routes with.
import type { Node } from 'web-tree-sitter';
import type { Expr } from './syntax.js';

export interface Decorator {
  name: string;
  args: Expr[];
}

export interface MethodFacts {
  name: string;
  line: number;
  decorators: Decorator[];
}

export interface ClassFacts {
  name: string;
  line: number;
  decorators: Decorator[];
  methods: MethodFacts[];
}

type Source = (node: Node) => string;
type ToExpr = (node: Node | null) => Expr;

export function readClass(node: Node, src: Source, expr: ToExpr): ClassFacts {
  const decoratorsOf = (nodes: readonly Node[]): Decorator[] =>
    nodes.flatMap((d) => {
      const inner = d.namedChildren[0];
      if (!inner) return [];
      if (inner.type === 'call_expression') {
        const callee = inner.childForFieldName('function');
        return callee ? [{ name: src(callee), args: argsOf(inner, expr) }] : [];
      }
      return [{ name: src(inner), args: [] }];
    });
  const own = node.children.filter((child) => child.type === 'decorator');
  // `@Controller() export class X`: the decorator belongs to the export statement around the class.
  const outer =
    node.parent?.type === 'export_statement'
      ? node.parent.children.filter((c) => c.type === 'decorator')
      : [];
  const methods: MethodFacts[] = [];
  let pending: Node[] = [];
  for (const member of node.childForFieldName('body')?.namedChildren ?? []) {
    if (member.type === 'decorator') pending.push(member);
    else if (member.type === 'method_definition') {
      const name = member.childForFieldName('name');
      methods.push({
        name: name ? src(name) : '',
        line: member.startPosition.row + 1,
        decorators: decoratorsOf([...pending, ...member.children.filter((c) => c.type === 'decorator')]),
      });
      pending = [];
    } else pending = [];
  }
  return {
    name: src(node.childForFieldName('name') ?? node),
    line: node.startPosition.row + 1,
    decorators: decoratorsOf([...outer, ...own]),
    methods,
  };
}

/** The arguments of a call expression, comments left out. */
export function argsOf(call: Node, expr: ToExpr): Expr[] {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((a) => a.type !== 'comment').map((a) => expr(a)) : [];
}
