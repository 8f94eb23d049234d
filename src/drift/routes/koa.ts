// Koa with koa-router / @koa/router: `router.get('/x', h)`, `new Router({ prefix })`, `router.use('/p', sub.routes())`.
import type { CallStyle } from './model.js';
import { methodTable, stringOf, useMount } from './model.js';

const MODULES = new Set(['koa', 'koa-router', '@koa/router']);

export const koa: CallStyle = {
  framework: 'Koa',
  modules: (specifier) => MODULES.has(specifier),
  methods: methodTable({ del: 'DELETE' }),
  // `new Koa()` makes the application; routers are mounted on it with `app.use(router.routes())`.
  isRoot: (value, facts) =>
    value.kind === 'new' &&
    value.callee.kind === 'ident' &&
    facts.imports.get(value.callee.name)?.from === 'koa',
  ownPrefix(value) {
    if (value.kind !== 'new') return undefined;
    const options = value.args[0];
    return options?.kind === 'object' ? stringOf(options.props.get('prefix')) : undefined;
  },
  mount: useMount,
};
