// Invariant: a spec's API Endpoints are compared with the routes of the code. An endpoint no route declares is drift
// once the spec says it is implemented, or when a route declared it at the baseline; a route added under the spec's
// prefix since the baseline that the spec does not list is drift too. Each finding names the framework.
import { afterAll, describe, expect, it } from 'vitest';
import { checkDrift } from '../src/drift/check.js';
import { Repo, spec } from './drift-repo.js';

const repos: Repo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});

const SPEC = 'tasks/prd-orders/techspec.md';
const lines = (...text: string[]): string => `${text.join('\n')}\n`;

function endpointsSpec(status: string, baseline: string, endpoints: readonly string[]): string {
  return spec(
    ['feature: orders', `status: ${status}`, `baseline: ${baseline}`],
    ['# Tech Spec: Orders', '', '## Implementation Design', '', '### API Endpoints', '', ...endpoints],
  );
}

const EXPRESS = {
  'package.json': '{"dependencies":{"express":"^4.19.0"}}',
  'src/app.ts': lines(
    "import express from 'express';",
    "import { orders } from './orders.js';",
    'export const app = express();',
    "app.use('/api/v1/orders', orders);",
    "app.get('/api/v1/health', (req, res) => res.send('ok'));",
  ),
  'src/orders.ts': lines(
    "import { Router } from 'express';",
    'export const orders = Router();',
    "orders.get('/', list);",
    "orders.get('/:id', one);",
    "orders.post('/', create);",
  ),
};

const EXPRESS_ENDPOINTS = [
  '- `GET /api/v1/orders` — list orders',
  '- `GET /api/v1/orders/{id}` — one order',
  '- `POST /api/v1/orders` — create an order',
  '- `DELETE /api/v1/orders/{id}` — cancel an order (new)',
];

/** The Express app at its first commit, the spec written then, and a later commit that drops one route and adds one. */
function expressRepo(status: string): { repo: Repo; short: string } {
  const repo = new Repo(EXPRESS);
  repos.push(repo);
  const base = repo.head();
  repo.write({ [SPEC]: endpointsSpec(status, base, EXPRESS_ENDPOINTS) });
  repo.commit('spec');
  repo.write({
    'src/orders.ts': lines(
      "import { Router } from 'express';",
      'export const orders = Router();',
      "orders.get('/', list);",
      "orders.post('/', create);",
      "orders.post('/:id/refund', refund);",
    ),
  });
  repo.commit('routes changed');
  return { repo, short: base.slice(0, 7) };
}

const brief = (d: { ruleId: string; line: number; column: number; message: string; hint?: string }) =>
  d.hint === undefined
    ? [d.ruleId, d.line, d.column, d.message]
    : [d.ruleId, d.line, d.column, d.message, d.hint];

describe('API Endpoints against an Express app', () => {
  it('reports a route removed since the baseline and a route added unlisted; a new endpoint stays planned', async () => {
    const { repo, short } = expressRepo('draft');
    const report = await checkDrift(repo.root, [SPEC], { all: true });
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      [
        'drift/endpoint-unlisted',
        10,
        1,
        'Unlisted route `POST /api/v1/orders/:id/refund` (Express, src/orders.ts:5) under `/api/v1/orders`, expected it among the API Endpoints',
      ],
      [
        'drift/endpoint-missing',
        13,
        4,
        `Missing route \`GET /api/v1/orders/{id}\`, expected a route in the code to declare it (Express src/orders.ts:4 declared it at baseline \`${short}\`; 4 Express routes found)`,
      ],
    ]);
    expect(report.specs[0]?.endpoints).toStrictEqual([
      { endpoint: 'GET /api/v1/orders', status: 'present', line: 12, route: 'Express src/orders.ts:3' },
      { endpoint: 'GET /api/v1/orders/{id}', status: 'missing', line: 13 },
      { endpoint: 'POST /api/v1/orders', status: 'present', line: 14, route: 'Express src/orders.ts:4' },
      { endpoint: 'DELETE /api/v1/orders/{id}', status: 'planned', line: 15 },
    ]);
    expect(report.specs[0]?.counts).toMatchObject({ endpointMissing: 1, endpointUnlisted: 1 });
  });

  it('reports every endpoint without a route once the spec says it is implemented', async () => {
    const { repo } = expressRepo('implemented');
    const report = await checkDrift(repo.root, [SPEC]);
    expect(
      report.results[0]?.diagnostics.filter((d) => d.ruleId === 'drift/endpoint-missing').map(brief),
    ).toStrictEqual([
      [
        'drift/endpoint-missing',
        13,
        4,
        "Missing route `GET /api/v1/orders/{id}`, expected a route in the code to declare it (the spec's status is `implemented`; 4 Express routes found)",
      ],
      [
        'drift/endpoint-missing',
        15,
        4,
        "Missing route `DELETE /api/v1/orders/{id}`, expected a route in the code to declare it (the spec's status is `implemented`; 4 Express routes found)",
      ],
    ]);
  });

  it('leaves routes the code already had at the baseline alone, and is clean when code and spec agree', async () => {
    const repo = new Repo(EXPRESS);
    repos.push(repo);
    const listed = EXPRESS_ENDPOINTS.slice(0, 3);
    repo.write({ [SPEC]: endpointsSpec('implemented', repo.head(), listed.slice(0, 2)) });
    const partial = await checkDrift(repo.root, [SPEC]);
    // POST /api/v1/orders is unlisted but was there at the baseline: the author left it out on purpose.
    expect(partial.results[0]?.diagnostics).toStrictEqual([]);
    repo.write({ [SPEC]: endpointsSpec('implemented', repo.head(), listed) });
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.results[0]?.diagnostics).toStrictEqual([]);
    expect(report.specs[0]?.state).toBe('clean');
  });
});

describe('API Endpoints against a NestJS app', () => {
  it('matches parameters by position, reports what is missing and the route added since the baseline, not one it had', async () => {
    const controller = (...methods: string[]): string =>
      lines(
        "import { Controller, Delete, Get, Param, Post } from '@nestjs/common';",
        "@Controller('orders')",
        'export class OrdersController {',
        ...methods,
        '}',
      );
    const repo = new Repo({
      'src/main.ts': lines(
        "import { NestFactory } from '@nestjs/core';",
        'async function bootstrap() {',
        '  const app = await NestFactory.create(AppModule);',
        "  app.setGlobalPrefix('api');",
        '  await app.listen(3000);',
        '}',
      ),
      'src/orders.controller.ts': controller(
        '  @Get()',
        '  list() {}',
        "  @Get(':id')",
        '  one() {}',
        '  @Post()',
        '  create() {}',
        "  @Get('stats')",
        '  stats() {}',
      ),
    });
    repos.push(repo);
    const base = repo.head();
    repo.write({
      [SPEC]: endpointsSpec('done', base, [
        '| Method | Path | Purpose |',
        '| --- | --- | --- |',
        '| GET | `/api/orders` | list |',
        '| GET | `/api/orders/:orderId` | one |',
        '| POST | `/api/orders` | create |',
        '| PATCH | `/api/orders/:orderId` | update |',
      ]),
    });
    repo.commit('spec');
    repo.write({
      'src/orders.controller.ts': controller(
        '  @Get()',
        '  list() {}',
        "  @Get(':orderId')",
        '  one() {}',
        '  @Post()',
        '  create() {}',
        "  @Delete(':orderId')",
        '  remove() {}',
        "  @Get('stats')",
        '  stats() {}',
      ),
    });
    repo.commit('delete');
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      [
        'drift/endpoint-unlisted',
        10,
        1,
        'Unlisted route `DELETE /api/orders/:orderId` (NestJS, src/orders.controller.ts:11) under `/api/orders`, expected it among the API Endpoints',
      ],
      [
        'drift/endpoint-missing',
        17,
        3,
        "Missing route `PATCH /api/orders/:orderId`, expected a route in the code to declare it (the spec's status is `done`; 5 NestJS routes found)",
        'The code declares `GET /api/orders/:orderId (NestJS, src/orders.controller.ts:7)` on this path',
      ],
    ]);
  });
});

describe('API Endpoints without a supported framework', () => {
  it('says the endpoints were not checked, with no finding', async () => {
    const repo = new Repo({ 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    repos.push(repo);
    repo.write({ [SPEC]: endpointsSpec('implemented', repo.head(), EXPRESS_ENDPOINTS.slice(0, 2)) });
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.results[0]?.diagnostics).toStrictEqual([]);
    expect(report.specs[0]?.notes).toStrictEqual([
      '2 API endpoints not checked: no route of a supported framework (Express, Fastify, Hono, Koa, NestJS, Next.js) was found in the code',
    ]);
  });
});

describe('API Endpoints against the other frameworks', () => {
  const cases: [string, Record<string, string>, string, number][] = [
    [
      'Fastify',
      {
        'src/server.ts': lines(
          "import Fastify from 'fastify';",
          'const app = Fastify();',
          "app.register(async (api) => { api.get('/items/:id', h); }, { prefix: '/api' });",
        ),
      },
      '/api/items/{id}',
      1,
    ],
    [
      'Hono',
      {
        'src/app.ts': lines(
          "import { Hono } from 'hono';",
          "export const app = new Hono().basePath('/api');",
          "app.get('/items/:id', (c) => c.json({}));",
        ),
      },
      '/api/items/{id}',
      1,
    ],
    [
      'Koa',
      {
        'src/app.ts': lines(
          "import Router from '@koa/router';",
          "const router = new Router({ prefix: '/api' });",
          "router.get('/items/:id', h);",
        ),
      },
      '/api/items/{id}',
      1,
    ],
    [
      'Next.js',
      { 'app/api/items/[id]/route.ts': lines('export async function GET() {}') },
      '/api/items/{id}',
      1,
    ],
  ];

  it.each(cases)(
    '%s: one endpoint declared, one missing, the framework named',
    async (framework, files, path, count) => {
      const repo = new Repo(files);
      repos.push(repo);
      repo.write({
        [SPEC]: endpointsSpec('implemented', repo.head(), [
          `- \`GET ${path}\` — read`,
          `- \`DELETE ${path}\` — remove`,
        ]),
      });
      const report = await checkDrift(repo.root, [SPEC]);
      expect(report.results[0]?.diagnostics.map((d) => d.message)).toStrictEqual([
        `Missing route \`DELETE ${path}\`, expected a route in the code to declare it (the spec's status is \`implemented\`; ${count} ${framework} route found)`,
      ]);
    },
  );
});
