// Express: `app.get('/x', h)`, `router.post(…)`, `app.route('/x').get(h)`, `app.use('/prefix', router)`.
import type { CallStyle } from './model.js';
import { methodTable, useMount } from './model.js';
import type { Expr, SourceFacts } from './syntax.js';

export const express: CallStyle = {
  framework: 'Express',
  modules: (specifier) => specifier === 'express',
  methods: methodTable(),
  chainPath: 'route',
  // `express()` makes an application; `express.Router()` and `Router()` make routers.
  isRoot: (value, facts) => isCallOfImport(value, facts, 'express'),
  mount: useMount,
};

/** `name()` where `name` is the default import of `module`. */
export function isCallOfImport(value: Expr, facts: SourceFacts, module: string): boolean {
  if (value.kind !== 'call' || value.callee.kind !== 'ident') return false;
  const imported = facts.imports.get(value.callee.name);
  return imported?.from === module && imported.name === 'default';
}
