// Next.js: route handlers (`app/**/route.ts` exporting GET, POST…) and API routes (`pages/api/**`, any method).
import { HTTP_METHODS } from '../../spec/facts/endpoints.js';
import type { DraftRoute } from './model.js';
import type { SourceFacts } from './syntax.js';

const APP_ROUTE = /^(?:.*\/)?(?:src\/)?app\/(.*?)\/?route\.(?:[cm]?[jt]sx?)$/;
const PAGES_API = /^(?:.*\/)?(?:src\/)?pages\/(api(?:\/.*)?)\.(?:[cm]?[jt]sx?)$/;

/** Whether `file` is where Next.js declares routes by its path. */
export function isNextRouteFile(file: string): boolean {
  return APP_ROUTE.test(file) || PAGES_API.test(file);
}

/** The routes of a route handler or API route file: its path from the folders, its methods from its exports. */
export function nextRoutes(facts: SourceFacts): DraftRoute[] {
  const app = APP_ROUTE.exec(facts.file);
  const pages = app ? undefined : PAGES_API.exec(facts.file);
  const segments = app ? (app[1] ?? '') : (pages?.[1] ?? '').replace(/(?:^|\/)index$/, '');
  // `_private` folders are not routed; `(group)` and `@slot` folders do not appear in the URL.
  const parts = segments.split('/').filter((s) => s !== '');
  if (parts.some((s) => s.startsWith('_'))) return [];
  const path = `/${parts.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/')}`;
  const methods = app ? HTTP_METHODS.filter((m) => facts.exports.has(m)) : ['ALL'];
  return methods.map((method) => ({
    method,
    path,
    framework: 'Next.js',
    file: facts.file,
    line: 1,
    anchored: true,
  }));
}
