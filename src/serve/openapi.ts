// The OpenAPI 3.1 document of the REST API, written by hand; a test checks it against the app's routes.

const json = (schema: object, description: string): object => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string): object => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string): object => json(ref('Error'), description);
const str = { type: 'string' };
const int = { type: 'integer', minimum: 0 };
const nullable = (schema: object): object => ({ oneOf: [schema, { type: 'null' }] });
const array = (items: object): object => ({ type: 'array', items });
const object = (
  properties: Record<string, object>,
  required: string[] = Object.keys(properties),
): object => ({
  type: 'object',
  properties,
  required,
});

const specFields = {
  feature: str,
  dir: str,
  spec: nullable(str),
  prd: nullable(str),
  tasks: nullable(str),
  title: nullable(str),
  status: nullable(str),
  counts: object({ error: int, warning: int }),
  drift: ref('DriftState'),
  words: nullable(int),
};

const schemas = {
  Error: object({ error: object({ code: str, message: str }) }),
  Diagnostic: object(
    {
      ruleId: str,
      messageId: str,
      severity: { enum: ['error', 'warning'] },
      message: str,
      file: str,
      line: int,
      column: int,
      endLine: int,
      endColumn: int,
      fix: object({ range: array(int), text: str }),
      hint: str,
      docsUrl: str,
    },
    [
      'ruleId',
      'messageId',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'docsUrl',
    ],
  ),
  InputProblem: object({ file: str, code: str, message: str }),
  DriftState: nullable({ enum: ['clean', 'drifted', 'no-baseline'] }),
  SpecSummary: object({ ...specFields, problems: int }),
  SpecList: object({ specs: array(ref('SpecSummary')), problems: array(str) }),
  SpecDetail: object({
    ...specFields,
    text: nullable(str),
    frontMatter: nullable(object({ line: int, endLine: int, data: {} })),
    sections: array(object({ id: nullable(str), title: str, level: int, line: int, endLine: int })),
    findings: array(ref('Diagnostic')),
    problems: array(ref('InputProblem')),
    driftDetail: nullable(
      object({
        state: str,
        baseline: nullable(str),
        findings: array(ref('Diagnostic')),
        done: array(str),
        notes: array(str),
      }),
    ),
    trace: { description: 'The PRD → spec → tasks trace of `techspec trace --format json`, or null' },
  }),
  LintRequest: object({ text: str, filename: str }, ['text']),
  LintReport: object({
    results: array(
      object({
        file: str,
        diagnostics: array(ref('Diagnostic')),
        errorCount: int,
        warningCount: int,
        fixableCount: int,
      }),
    ),
    problems: array(ref('InputProblem')),
    errorCount: int,
    warningCount: int,
    fixableCount: int,
  }),
  Context: object(
    {
      rules: array(
        object(
          {
            path: str,
            verdict: { enum: ['applies', 'likely', 'no'] },
            reason: str,
            score: { type: 'number' },
            listed: { type: 'boolean' },
          },
          ['path', 'verdict', 'reason', 'score'],
        ),
      ),
      files: array(
        object({ path: str, score: { type: 'number' }, reason: str, listed: { type: 'boolean' } }, [
          'path',
          'score',
          'reason',
        ]),
      ),
      listedOnly: object({ rules: array(str), files: array(str) }),
      problems: array(str),
    },
    ['rules', 'files', 'problems'],
  ),
  RuleScan: object({
    sources: array({ type: 'object', description: 'A RuleSource without its body' }),
    problems: array(object({ path: str, line: int, message: str }, ['path', 'message'])),
  }),
};

const featureParam = {
  name: 'feature',
  in: 'path',
  required: true,
  description: 'Feature name (`order-webhooks`), its folder or its spec path, URL-encoded',
  schema: str,
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'techspec serve',
    version: '0',
    description:
      'Specs, findings, drift, trace, context and rule sources of one repository, as the dashboard sees them.',
  },
  components: {
    schemas,
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'Only when the server was started with a token',
      },
      session: { type: 'apiKey', in: 'cookie', name: 'techspec_session', description: 'Set by /login' },
    },
  },
  security: [{}, { bearer: [] }, { session: [] }],
  paths: {
    '/api/v0/specs': {
      get: {
        summary: 'Every spec with feature, status, finding counts by severity, drift state and words',
        responses: { 200: json(ref('SpecList'), 'The features of the repository') },
      },
    },
    '/api/v0/specs/{feature}': {
      get: {
        summary: "A feature's parsed spec: sections, findings, drift and trace",
        parameters: [featureParam],
        responses: {
          200: json(ref('SpecDetail'), 'The spec'),
          400: error('The spec lies outside the repository'),
          404: error('No such feature'),
        },
      },
    },
    '/api/v0/lint': {
      post: {
        summary: 'Lint posted Markdown (at most 1 MB) with the repository config',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('LintRequest') },
            'text/markdown': { schema: str },
            'text/plain': { schema: str },
          },
        },
        responses: {
          200: json(ref('LintReport'), 'The report `techspec lint --format json` prints'),
          400: error('Empty, binary or malformed input, or a filename outside the repository'),
          413: error('Body over 1 MB'),
          415: error('Unsupported Content-Type'),
        },
      },
    },
    '/api/v0/context': {
      get: {
        summary: 'Rules that fit and relevant files, with reasons, for a spec or a text',
        parameters: [
          {
            name: 'spec',
            in: 'query',
            description: 'Feature name or spec path (one of spec, text)',
            schema: str,
          },
          { name: 'text', in: 'query', description: 'Free text (one of spec, text)', schema: str },
          {
            name: 'k',
            in: 'query',
            description: 'How many files (1 to 100, default 20)',
            schema: { type: 'integer', minimum: 1, maximum: 100 },
          },
        ],
        responses: {
          200: json(ref('Context'), 'As `techspec context --format json`, plus what a spec lists'),
          400: error('Bad query, or a spec path outside the repository'),
          404: error('No such spec'),
        },
      },
    },
    '/api/v0/rules': {
      get: {
        summary: 'Rule sources, as `techspec rules --format json`',
        responses: { 200: json(ref('RuleScan'), 'Every rule source and problem') },
      },
    },
    '/api/v0/events': {
      get: {
        summary:
          'Server-sent events: `spec-updated` (data: feature) and `rules-updated` after a file changes',
        responses: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: str } } },
        },
      },
    },
    '/api/v0/openapi.json': {
      get: { summary: 'This document', responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1') } },
    },
    '/healthz': {
      get: {
        summary: 'Liveness; needs no token',
        security: [{}],
        responses: { 200: json(object({ status: { const: 'ok' } }), 'Alive') },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (text exposition format)',
        responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: str } } } },
      },
    },
    '/login': {
      get: {
        summary: 'Exchange the token for a session cookie and go to the dashboard',
        security: [{}],
        parameters: [{ name: 'token', in: 'query', required: true, schema: str }],
        responses: { 302: { description: 'Cookie set, redirect to /' }, 401: error('Wrong token') },
      },
    },
  },
} as const;
