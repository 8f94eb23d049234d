// Express: `app.get('/x', h)`, `router.post(…)`, `app.route('/x').get(h)`, `app.use('/prefix', router)`.
import type { CallStyle } from './model.js';
import { methodTable, stringOf } from './model.js';
import type { Expr, SourceFacts } from './syntax.js';

export const express: CallStyle = {
  framework: 'Express',
  modules: (specifier) => specifier === 'express',
  methods: methodTable(),
  chainPath: 'route',
  // `express()` makes an application; `express.Router()` and `Router()` make routers.
  isRoot: (value, facts) => isCallOfImport(value, facts, 'express'),
  mount(method, args) {
    if (method !== 'use') return undefined;
    const prefix = stringOf(args[0]);
    return prefix === undefined ? { prefix: '', targets: [...args] } : { prefix, targets: args.slice(1) };
  },
};

/** `name()` where `name` is the default import of `module`. */
export function isCallOfImport(value: Expr, facts: SourceFacts, module: string): boolean {
  if (value.kind !== 'call' || value.callee.kind !== 'ident') return false;
  const imported = facts.imports.get(value.callee.name);
  return imported?.from === module && imported.name === 'default';
}
