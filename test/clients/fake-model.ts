// A fake model on 127.0.0.1 for the real-clients suite: answers the Anthropic, OpenAI-compatible (chat and Responses)
// and Gemini request shapes with a canned text or one canned tool call, and records every request body so tests can
// read the prompts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENCODERS, TOOL_SEARCH, type Api, type Reply } from './fake-model-shapes.js';

export type { Api, Reply } from './fake-model-shapes.js';

export interface ToolCallPlan {
  /** The tool is offered under a client-specific name (`mcp__techspec__lint_spec`, …): this is its ending. */
  toolSuffix: string;
  args: Record<string, unknown>;
  /** A second call, made once the first one's result is back (its id is CALL_ID with `_2`). */
  then?: ToolCallPlan;
}

export interface FakeModelOptions {
  /** What every text answer says. */
  text?: string;
  /** When set, a request that offers a tool with this ending and holds no tool result yet gets this call. */
  toolCall?: ToolCallPlan;
}

export interface RecordedRequest {
  api: Api | 'other';
  method: string;
  path: string;
  body: unknown;
  reply?: Reply;
}

export const DEFAULT_TEXT = 'FAKE-MODEL-DONE';

/** The id of the planned tool call, to find its result in later requests. */
export const CALL_ID = 'call_fake_tool';
const LOADER_ID = 'call_fake_loader';
/** Claude Code's tool that loads the schemas of deferred (MCP) tools. */
const LOADER = 'ToolSearch';

interface Answer {
  status: number;
  contentType: string;
  chunks: string[];
  /** Set for a model turn: what the fake model said. */
  reply?: Reply;
}

interface Route {
  api: Api | 'other';
  answer: (body: Record<string, unknown>) => Answer | undefined;
}

/** One fake model server; each test makes its own, so nothing is shared between tests. */
export class FakeModel {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;

  constructor(private readonly options: FakeModelOptions = {}) {}

  /** Listens on a free loopback port and returns the base URL (no trailing slash). */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  /** The recorded model turns of one API (count-tokens and listing calls left out). */
  turns(api: Api): RecordedRequest[] {
    return this.requests.filter((r) => r.api === api && r.reply !== undefined);
  }

  /** The turns of the agent's own conversation: those that offer tools (titles, probes and classifiers offer none). */
  agentTurns(api: Api): (RecordedRequest & { body: Record<string, unknown> })[] {
    return this.turns(api).filter(
      (r): r is RecordedRequest & { body: Record<string, unknown> } =>
        isObject(r.body) && toolNames(api, r.body).length > 0,
    );
  }

  /** Everything the first agent turn showed the model ('' when there was none). */
  firstPrompt(api: Api): string {
    const first = this.agentTurns(api)[0];
    return first ? strings(first.body) : '';
  }

  /** How each agent turn was answered: the called tool's name (`<namespace>__<name>` in a namespace), or 'text'. */
  replies(api: Api): string[] {
    return this.agentTurns(api).map(({ reply }) =>
      reply?.kind !== 'tool'
        ? 'text'
        : reply.namespace === undefined
          ? reply.name
          : `${reply.namespace}__${reply.name}`,
    );
  }

  /** The result of the planned tool call `name` as the last agent turn carried it back. */
  plannedResult(api: Api, name: string): unknown {
    const last = this.agentTurns(api).at(-1);
    return last ? toolResult(api, last.body, CALL_ID, name) : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // Kept as text: the test that looks at it will say what arrived.
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = this.route(req.method ?? 'GET', url.pathname);
    const answer = route.answer(isObject(body) ? body : {});
    this.requests.push({
      api: route.api,
      method: req.method ?? 'GET',
      path: url.pathname,
      body,
      ...(answer?.reply === undefined ? {} : { reply: answer.reply }),
    });
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: `fake model: no route for ${req.method} ${url.pathname}` } }),
      );
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-cache' });
    for (const chunk of answer.chunks) res.write(chunk);
    res.end();
  }

  private route(method: string, pathname: string): Route {
    const fixed = (body: unknown) => () => ({
      status: 200,
      contentType: 'application/json',
      chunks: [JSON.stringify(body)],
    });
    if (method === 'POST' && pathname.endsWith('/messages/count_tokens'))
      return { api: 'other', answer: fixed({ input_tokens: 10 }) };
    if (method === 'POST' && pathname.endsWith('/messages'))
      return this.turn('anthropic', (b) => b.stream === true);
    if (method === 'POST' && pathname.endsWith('/chat/completions'))
      return this.turn('openai', (b) => b.stream === true);
    if (method === 'POST' && pathname.endsWith('/responses'))
      return this.turn('responses', (b) => b.stream === true);
    if (method === 'POST' && pathname.endsWith(':streamGenerateContent'))
      return this.turn('gemini', () => true);
    if (method === 'POST' && pathname.endsWith(':generateContent')) return this.turn('gemini', () => false);
    if (method === 'POST' && pathname.endsWith(':countTokens'))
      return { api: 'other', answer: fixed({ totalTokens: 10 }) };
    if (method === 'GET' && pathname.endsWith('/models'))
      return {
        api: 'other',
        answer: fixed({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }),
      };
    return { api: 'other', answer: () => undefined };
  }

  private turn(api: Api, streamed: (body: Record<string, unknown>) => boolean): Route {
    return {
      api,
      answer: (body) => {
        const reply = this.decide(api, body);
        return { status: 200, reply, ...ENCODERS[api](reply, streamed(body)) };
      },
    };
  }

  private decide(api: Api, body: Record<string, unknown>): Reply {
    const text: Reply = { kind: 'text', text: this.options.text ?? DEFAULT_TEXT };
    const first = this.options.toolCall;
    if (!first) return text;
    const reply = this.call(api, body, first, CALL_ID);
    if (reply !== 'done' || !first.then) return reply === 'done' ? text : reply;
    const second = this.call(api, body, first.then, `${CALL_ID}_2`);
    return second === 'done' ? text : second;
  }

  /** The planned call (or the ToolSearch that loads it); 'done' once its result is in the request. */
  private call(api: Api, body: Record<string, unknown>, plan: ToolCallPlan, id: string): Reply | 'done' {
    const text: Reply = { kind: 'text', text: this.options.text ?? DEFAULT_TEXT };
    const offered = toolNames(api, body);
    if (api === 'responses' && offered.includes(TOOL_SEARCH)) {
      const searched = searchedCall(body, plan, id);
      if (searched !== undefined) return searched;
    }
    const name =
      offered.find((n) => n.endsWith(plan.toolSuffix)) ?? deferredName(strings(body), plan.toolSuffix);
    if (name === undefined) return text;
    if (hasToolResult(api, body, id, name)) return 'done';
    const call: Reply = { kind: 'tool', id, name, args: plan.args };
    if (offered.includes(name) || hasToolResult(api, body, LOADER_ID, LOADER)) return call;
    // Claude Code defers MCP tools: their schemas are fetched with its ToolSearch tool before the first call.
    if (offered.includes(LOADER))
      return { kind: 'tool', id: LOADER_ID, name: LOADER, args: { query: `select:${name}` } };
    return text;
  }
}

/**
 * Codex CLI defers MCP tools behind the Responses API's `tool_search`: search for the planned tool by its words, then
 * call it in the namespace the search loaded it into. Undefined when the tool is offered upfront (no search needed)
 * or the search found nothing (then the model answers in text, as a real one would).
 */
function searchedCall(
  body: Record<string, unknown>,
  plan: ToolCallPlan,
  id: string,
): Reply | 'done' | undefined {
  if (toolNames('responses', body).some((n) => n.endsWith(plan.toolSuffix))) return undefined;
  const outputs = list(body.input).filter((i) => i.type === 'tool_search_output' && i.call_id === LOADER_ID);
  if (outputs.length === 0) {
    const query = plan.toolSuffix.replaceAll('_', ' ');
    return { kind: 'tool', id: LOADER_ID, name: TOOL_SEARCH, args: { query } };
  }
  const loaded = outputs
    .flatMap((o) => list(o.tools))
    .flatMap((ns) => list(ns.tools).map((t) => ({ namespace: String(ns.name), name: String(t.name) })));
  const found = loaded.find((t) => `${t.namespace}__${t.name}`.endsWith(plan.toolSuffix));
  if (found === undefined) return undefined;
  if (toolResult('responses', body, id, found.name) !== undefined) return 'done';
  return { kind: 'tool', id, name: found.name, namespace: found.namespace, args: plan.args };
}

/** The longest tool name ending in `suffix` that the request's text names (a deferred tool is named, not offered). */
function deferredName(text: string, suffix: string): string | undefined {
  const names = [...text.matchAll(new RegExp(`[\\w-]*${suffix}\\b`, 'g'))].map((m) => m[0]);
  return names.sort((a, b) => b.length - a.length)[0];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The names of the tools a request offers the model. */
export function toolNames(api: Api, body: Record<string, unknown>): string[] {
  const tools = list(body.tools);
  if (api === 'anthropic') return tools.map((t) => String(t.name));
  if (api === 'openai') return tools.map((t) => (isObject(t.function) ? String(t.function.name) : ''));
  // Built-in Responses tools (tool_search, web_search) have a type and no name.
  if (api === 'responses') return tools.map((t) => String(t.name ?? t.type));
  return tools.flatMap((t) => list(t.functionDeclarations).map((d) => String(d.name)));
}

/** The result of the call `id` in the conversation, as the client sent it (Gemini results carry the tool's name). */
export function toolResult(api: Api, body: Record<string, unknown>, id: string, name: string): unknown {
  if (api === 'anthropic') {
    const blocks = list(body.messages).flatMap((m) => list(m.content));
    return blocks.find((c) => c.type === 'tool_result' && c.tool_use_id === id)?.content;
  }
  if (api === 'openai')
    return list(body.messages).find((m) => m.role === 'tool' && m.tool_call_id === id)?.content;
  if (api === 'responses')
    return list(body.input).find((m) => m.type === 'function_call_output' && m.call_id === id)?.output;
  const parts = list(body.contents).flatMap((c) => list(c.parts));
  const response = parts.map((p) => p.functionResponse).find((r) => isObject(r) && r.name === name);
  return isObject(response) ? response.response : undefined;
}

function hasToolResult(api: Api, body: Record<string, unknown>, id: string, name: string): boolean {
  return toolResult(api, body, id, name) !== undefined;
}

/** Every string in a request body, one per line: what the model was shown, wherever the client put it. */
export function strings(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
