// Invariant: extractRoutes reads the routes each supported framework declares (Express, Fastify, Hono, Koa, NestJS,
// Next.js), with the prefixes of mounts, base paths and global prefixes applied where the code makes them knowable,
// and with the framework, file and line of each; files of a framework the repository does not use are not misread.
import { afterAll, describe, expect, it } from 'vitest';
import { extractRoutes } from '../src/drift/routes/index.js';
import { listFiles } from '../src/workspace/project.js';
import { Repo } from './drift-repo.js';

const repos: Repo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});

async function routesOf(files: Record<string, string>): Promise<string[]> {
  const repo = new Repo(files);
  repos.push(repo);
  const scan = await extractRoutes(repo.root, listFiles(repo.root));
  return scan.routes
    .map(
      (r) =>
        `${r.method} ${r.path} ${r.framework} ${r.file}:${r.line}${r.anchored ? '' : ' (prefix unknown)'}`,
    )
    .sort();
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('extractRoutes', () => {
  it('Express: methods, route chains, routers mounted in the same file and through imports', async () => {
    expect(
      await routesOf({
        'package.json': '{"dependencies":{"express":"^4"}}',
        'src/app.ts': lines(
          "import express from 'express';",
          "import orders from './routes/orders.js';",
          "import { users } from './routes/users';",
          'const app = express();',
          'const api = express.Router();',
          "api.use('/orders', orders);",
          "api.use('/users', users);",
          "app.use('/api/v1', api);",
          "app.get('/health', (req, res) => res.send('ok'));",
          "app.route('/items/:id').get(h).put(h);",
          "app.get('env');",
          'export default app;',
        ),
        'src/routes/orders.ts': lines(
          "import { Router } from 'express';",
          'const router = Router();',
          "router.get('/', list);",
          "router.get('/:id', one);",
          "router.post(['/', '/bulk'], create);",
          'export default router;',
        ),
        'src/routes/users.ts': lines(
          "import { Router } from 'express';",
          'export const users = Router();',
          "users.delete('/:id', remove);",
        ),
        'src/routes/orders.test.ts': lines(
          "import express from 'express';",
          "express().get('/test-only', h);",
        ),
      }),
    ).toStrictEqual([
      'DELETE /api/v1/users/:id Express src/routes/users.ts:3',
      'GET /api/v1/orders Express src/routes/orders.ts:3',
      'GET /api/v1/orders/:id Express src/routes/orders.ts:4',
      'GET /health Express src/app.ts:9',
      'GET /items/:id Express src/app.ts:10',
      'POST /api/v1/orders Express src/routes/orders.ts:5',
      'POST /api/v1/orders/bulk Express src/routes/orders.ts:5',
      'PUT /items/:id Express src/app.ts:10',
    ]);
  });

  it('Express: a router file that imports no framework counts when express is the one dependency', async () => {
    const files = {
      'src/routes.js': lines('module.exports = function (app) {', "  app.post('/login', login);", '};'),
    };
    expect(await routesOf({ ...files, 'package.json': '{"dependencies":{"express":"4"}}' })).toStrictEqual([
      'POST /login Express src/routes.js:2 (prefix unknown)',
    ]);
    expect(await routesOf(files)).toStrictEqual([]);
  });

  it('NestJS: controllers and method decorators under the global prefix and URI versioning', async () => {
    expect(
      await routesOf({
        'src/main.ts': lines(
          "import { NestFactory } from '@nestjs/core';",
          'async function bootstrap() {',
          '  const app = await NestFactory.create(AppModule);',
          "  app.setGlobalPrefix('api');",
          '  app.enableVersioning({ type: VersioningType.URI });',
          '}',
        ),
        'src/orders/orders.controller.ts': lines(
          "import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';",
          "@Controller('orders')",
          'export class OrdersController {',
          '  constructor(private readonly service: OrdersService) {}',
          '  @Get()',
          '  list() {}',
          "  @Get(':id')",
          "  one(@Param('id') id: string) {}",
          '  @Post()',
          '  @HttpCode(201)',
          '  create(@Body() body: CreateOrderDto) {}',
          '}',
          "@Controller({ path: 'admin', version: '2' })",
          'export class AdminController {',
          "  @Get('stats') stats() {}",
          '}',
        ),
      }),
    ).toStrictEqual([
      'GET /api/orders NestJS src/orders/orders.controller.ts:6',
      'GET /api/orders/:id NestJS src/orders/orders.controller.ts:8',
      'GET /api/v2/admin/stats NestJS src/orders/orders.controller.ts:15',
      'POST /api/orders NestJS src/orders/orders.controller.ts:11',
    ]);
  });

  it('Fastify: shorthand methods, route(), plugins registered with a prefix (imported, dynamic, wrapped, inline)', async () => {
    expect(
      await routesOf({
        'src/server.ts': lines(
          "import Fastify from 'fastify';",
          "import userRoutes from './routes/users.js';",
          'const app = Fastify();',
          "app.register(userRoutes, { prefix: '/users' });",
          "app.register(import('./routes/items.js'), { prefix: '/items' });",
          "app.route({ method: ['GET', 'HEAD'], url: '/status', handler: h });",
          "app.register(async (inner) => { inner.get('/inline', h); }, { prefix: '/v2' });",
        ),
        'src/routes/users.ts': lines(
          "import type { FastifyInstance } from 'fastify';",
          'export default async function routes(fastify: FastifyInstance) {',
          "  fastify.get('/:id', async () => ({}));",
          "  fastify.post('/', { schema: {} }, async () => ({}));",
          '}',
        ),
        'src/routes/items.ts': lines(
          "import fp from 'fastify-plugin';",
          "export default fp(async (f) => { f.delete('/:id', h); });",
        ),
      }),
    ).toStrictEqual([
      'DELETE /items/:id Fastify src/routes/items.ts:2',
      'GET /status Fastify src/server.ts:6',
      'GET /users/:id Fastify src/routes/users.ts:3',
      'GET /v2/inline Fastify src/server.ts:7',
      'HEAD /status Fastify src/server.ts:6',
      'POST /users Fastify src/routes/users.ts:4',
    ]);
  });

  it('Hono: basePath, chained methods, on(), sub-apps mounted with route()', async () => {
    expect(
      await routesOf({
        'src/index.ts': lines(
          "import { Hono } from 'hono';",
          "import { books } from './books';",
          "const app = new Hono().basePath('/api');",
          "app.route('/books', books);",
          "app.get('/ping', (c) => c.text('pong')).post('/echo', (c) => c.text('x'));",
          "app.on(['PUT', 'DELETE'], '/things/:id', h);",
          'export default app;',
        ),
        'src/books.ts': lines(
          "import { Hono } from 'hono';",
          'export const books = new Hono();',
          "books.get('/', (c) => c.json([]));",
          "books.get('/:id', (c) => c.json({}));",
        ),
      }),
    ).toStrictEqual([
      'DELETE /api/things/:id Hono src/index.ts:6 (prefix unknown)',
      'GET /api/books Hono src/books.ts:3 (prefix unknown)',
      'GET /api/books/:id Hono src/books.ts:4 (prefix unknown)',
      'GET /api/ping Hono src/index.ts:5 (prefix unknown)',
      'POST /api/echo Hono src/index.ts:5 (prefix unknown)',
      'PUT /api/things/:id Hono src/index.ts:6 (prefix unknown)',
    ]);
  });

  it('Hono and Express: sub-apps made by factory functions, mounted through imports', async () => {
    expect(
      await routesOf({
        'src/index.ts': lines(
          "import { Hono } from 'hono';",
          "import { createKanbanRoutes } from './kanban/routes';",
          'const app = new Hono();',
          "app.route('/api/v0/kanban', createKanbanRoutes());",
        ),
        'src/kanban/routes/index.ts': lines(
          "import { Hono } from 'hono';",
          "import { createBoardRoutes } from './boards';",
          'export function createKanbanRoutes() {',
          '  const app = new Hono();',
          '  const boards = createBoardRoutes(service);',
          "  app.route('/boards', boards);",
          '  return app;',
          '}',
        ),
        'src/kanban/routes/boards.ts': lines(
          "import { Hono } from 'hono';",
          'export function createBoardRoutes(service: Service) {',
          '  const app = new Hono();',
          "  app.get('/:boardId', (c) => c.json({}));",
          '  return app;',
          '}',
        ),
        'api/server.js': lines(
          "const express = require('express');",
          "const makeUsers = require('./users');",
          'const app = express();',
          "app.use('/users', makeUsers(db));",
        ),
        'api/users.js': lines(
          "const { Router } = require('express');",
          'module.exports = function makeUsers(db) {',
          '  const router = Router();',
          "  router.get('/:id', show);",
          '  return router;',
          '};',
        ),
      }),
    ).toStrictEqual([
      'GET /api/v0/kanban/boards/:boardId Hono src/kanban/routes/boards.ts:4 (prefix unknown)',
      'GET /users/:id Express api/users.js:4',
    ]);
  });

  it('Koa: router prefixes, del, nested routers mounted with use(router.routes())', async () => {
    expect(
      await routesOf({
        'src/app.ts': lines(
          "import Koa from 'koa';",
          "import Router from '@koa/router';",
          'const app = new Koa();',
          "const router = new Router({ prefix: '/users' });",
          "router.get('/:id', h);",
          "router.del('/:id', h);",
          'const nested = new Router();',
          "nested.get('/comments', h);",
          "router.use('/:id', nested.routes());",
          'app.use(router.routes());',
        ),
      }),
    ).toStrictEqual([
      'DELETE /users/:id Koa src/app.ts:6',
      'GET /users/:id Koa src/app.ts:5',
      'GET /users/:id/comments Koa src/app.ts:8',
    ]);
  });

  it('Next.js: route handlers by folder (groups and private folders aside) and API routes', async () => {
    expect(
      await routesOf({
        'app/api/orders/[id]/route.ts': lines(
          'export async function GET(req: Request) {}',
          'export const DELETE = async () => {};',
        ),
        'app/(shop)/cart/route.ts': lines('async function handler() {}', 'export { handler as POST };'),
        'app/_lib/route.ts': lines('export function GET() {}'),
        'src/pages/api/legacy/index.ts': lines('export default function handler(req, res) {}'),
      }),
    ).toStrictEqual([
      'ALL /api/legacy Next.js src/pages/api/legacy/index.ts:1',
      'DELETE /api/orders/[id] Next.js app/api/orders/[id]/route.ts:1',
      'GET /api/orders/[id] Next.js app/api/orders/[id]/route.ts:1',
      'POST /cart Next.js app/(shop)/cart/route.ts:1',
    ]);
  });
});
