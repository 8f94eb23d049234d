// Hono: `app.get('/x', h)`, `app.on('GET', '/x', h)`, `new Hono().basePath('/api')`, `app.route('/p', sub)`.
import type { CallStyle } from './model.js';
import { methodTable, stringOf, stringsOf } from './model.js';

export const hono: CallStyle = {
  framework: 'Hono',
  modules: (specifier) => specifier === 'hono' || specifier.startsWith('hono/'),
  methods: methodTable(),
  basePath: 'basePath',
  // A sub-application is a `new Hono()` like the main one: no object is known to be the root.
  isRoot: () => false,
  mount(method, args) {
    const prefix = stringOf(args[0]);
    const target = args[1];
    if (method !== 'route' || prefix === undefined || !target) return undefined;
    return { prefix, targets: [target] };
  },
  declare(method, args) {
    if (method !== 'on') return undefined;
    const methods = stringsOf(args[0]).map((m) => m.toUpperCase());
    const paths = stringsOf(args[1]);
    return methods.length > 0 && paths.length > 0 ? { methods, paths } : undefined;
  },
};
