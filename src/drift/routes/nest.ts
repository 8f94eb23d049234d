// NestJS: `@Controller('orders')` classes whose methods carry `@Get(':id')`, `@Post()`…, under the global prefix
// that `app.setGlobalPrefix('api')` sets and the `v<version>` segment of URI versioning.
import type { DraftRoute } from './model.js';
import { joinPaths, stringOf, stringsOf } from './model.js';
import type { Decorator } from './classes.js';
import type { Expr, SourceFacts } from './syntax.js';

const METHOD_DECORATORS: Readonly<Record<string, string>> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  Options: 'OPTIONS',
  All: 'ALL',
};

/** What the bootstrap file says about every controller: the global prefix (undefined: not literal) and versioning. */
export interface NestSettings {
  globalPrefix: string | undefined;
  versioning: { prefix: string } | undefined;
}

export function usesNest(facts: SourceFacts): boolean {
  return facts.specifiers.some((s) => s.startsWith('@nestjs/'));
}

/** Reads `setGlobalPrefix` and `enableVersioning` calls from every NestJS file. */
export function nestSettings(files: readonly SourceFacts[]): NestSettings {
  let globalPrefix: string | undefined = '';
  let versioning: NestSettings['versioning'];
  for (const call of files.flatMap((facts) => facts.calls)) {
    if (call.method === 'setGlobalPrefix') globalPrefix = stringOf(call.args[0]);
    if (call.method === 'enableVersioning') {
      const options = call.args[0];
      const prefix = options?.kind === 'object' ? stringOf(options.props.get('prefix')) : undefined;
      versioning = { prefix: prefix ?? 'v' };
    }
  }
  return { globalPrefix, versioning };
}

export function nestRoutes(facts: SourceFacts, settings: NestSettings): DraftRoute[] {
  const routes: DraftRoute[] = [];
  for (const cls of facts.classes) {
    const controller = cls.decorators.find((d) => d.name === 'Controller');
    if (!controller) continue;
    const { paths, version } = controllerOptions(controller);
    for (const method of cls.methods) {
      for (const decorator of method.decorators) {
        const verb = METHOD_DECORATORS[decorator.name];
        if (verb === undefined) continue;
        const own = decorator.args.length === 0 ? [''] : stringsOf(decorator.args[0]);
        for (const base of paths) {
          for (const path of own) {
            const versioned =
              version !== undefined && settings.versioning ? `${settings.versioning.prefix}${version}` : '';
            routes.push({
              method: verb,
              path: joinPaths(settings.globalPrefix ?? '', versioned, base, path),
              framework: 'NestJS',
              file: facts.file,
              line: method.line,
              anchored: settings.globalPrefix !== undefined,
            });
          }
        }
      }
    }
  }
  return routes;
}

/** `@Controller()`, `@Controller('x')`, `@Controller(['a', 'b'])`, `@Controller({ path: 'x', version: '1' })`. */
function controllerOptions(decorator: Decorator): { paths: string[]; version?: string } {
  const arg: Expr | undefined = decorator.args[0];
  if (!arg) return { paths: [''] };
  if (arg.kind === 'object') {
    const paths = stringsOf(arg.props.get('path'));
    const version = stringsOf(arg.props.get('version'))[0];
    return { paths: paths.length > 0 ? paths : [''], ...(version === undefined ? {} : { version }) };
  }
  const paths = stringsOf(arg);
  return { paths: paths.length > 0 ? paths : [''] };
}
