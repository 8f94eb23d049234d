// Fastify: `fastify.get('/x', h)`, `fastify.route({ method, url })`, `app.register(plugin, { prefix: '/p' })`.
import { isCallOfImport } from './express.js';
import type { CallStyle } from './model.js';
import { methodTable, stringOf, stringsOf } from './model.js';

export const fastify: CallStyle = {
  framework: 'Fastify',
  modules: (specifier) => specifier === 'fastify' || specifier === 'fastify-plugin',
  methods: methodTable(),
  // `Fastify()` makes the server; plugins receive an instance as their first parameter.
  isRoot: (value, facts) => isCallOfImport(value, facts, 'fastify'),
  mount(method, args) {
    const target = args[0];
    if (method !== 'register' || !target) return undefined;
    const options = args[1];
    const prefix = options?.kind === 'object' ? (stringOf(options.props.get('prefix')) ?? '') : '';
    return { prefix, targets: [target] };
  },
  declare(method, args) {
    const options = args[0];
    if (method !== 'route' || options?.kind !== 'object') return undefined;
    const methods = stringsOf(options.props.get('method')).map((m) => m.toUpperCase());
    const paths = stringsOf(options.props.get('url') ?? options.props.get('path'));
    return methods.length > 0 && paths.length > 0 ? { methods, paths } : undefined;
  },
};
