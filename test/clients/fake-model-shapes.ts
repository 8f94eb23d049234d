// The wire shapes the fake model speaks: Anthropic Messages, OpenAI chat completions, the OpenAI Responses API (Codex
// CLI) and Gemini generateContent, each as one JSON body or as server-sent events, carrying a text or one tool call.

/** What the fake model answers to one request. */
export type Reply =
  | { kind: 'text'; text: string }
  | {
      kind: 'tool';
      id: string;
      name: string;
      args: Record<string, unknown>;
      /** Responses API: the namespace a tool loaded by tool_search sits in (Codex CLI's `mcp__<server>`). */
      namespace?: string;
    };

/**
 * The Responses API's client-run tool search (Codex CLI offers it and defers MCP tools behind it): a call to it is a
 * `tool_search_call` item, answered by a `tool_search_output` that loads namespaces of functions.
 */
export const TOOL_SEARCH = 'tool_search';

export type Api = 'anthropic' | 'openai' | 'responses' | 'gemini';

/** One response: a JSON body, or SSE events written one after the other. */
export interface Encoded {
  contentType: string;
  chunks: string[];
}

const MODEL = 'fake-model';

function json(body: unknown): Encoded {
  return { contentType: 'application/json', chunks: [JSON.stringify(body)] };
}

function sse(events: readonly { event?: string; data: unknown }[]): Encoded {
  return {
    contentType: 'text/event-stream',
    chunks: events.map(
      ({ event, data }) =>
        `${event === undefined ? '' : `event: ${event}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    ),
  };
}

export function anthropic(reply: Reply, stream: boolean): Encoded {
  const block =
    reply.kind === 'text'
      ? { type: 'text', text: reply.text }
      : { type: 'tool_use', id: reply.id, name: reply.name, input: reply.args };
  const stopReason = reply.kind === 'text' ? 'end_turn' : 'tool_use';
  const usage = { input_tokens: 10, output_tokens: 5 };
  const message = { id: `msg_${reply.kind}`, type: 'message', role: 'assistant', model: MODEL };
  if (!stream) {
    return json({ ...message, content: [block], stop_reason: stopReason, stop_sequence: null, usage });
  }
  const delta =
    reply.kind === 'text'
      ? { type: 'text_delta', text: reply.text }
      : { type: 'input_json_delta', partial_json: JSON.stringify(reply.args) };
  const start = reply.kind === 'text' ? { ...block, text: '' } : { ...block, input: {} };
  return sse([
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage },
      },
    },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: start } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    {
      event: 'message_delta',
      data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}

export function openai(reply: Reply, stream: boolean): Encoded {
  const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model: MODEL };
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  const finish = reply.kind === 'text' ? 'stop' : 'tool_calls';
  const call = (withIndex: boolean) =>
    reply.kind === 'tool'
      ? [
          {
            ...(withIndex ? { index: 0 } : {}),
            id: reply.id,
            type: 'function',
            function: { name: reply.name, arguments: JSON.stringify(reply.args) },
          },
        ]
      : undefined;
  if (!stream) {
    const message =
      reply.kind === 'text'
        ? { role: 'assistant', content: reply.text }
        : { role: 'assistant', content: null, tool_calls: call(false) };
    return json({
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message, finish_reason: finish }],
      usage,
    });
  }
  const delta =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.text }
      : { role: 'assistant', tool_calls: call(true) };
  const chunk = (choice: unknown, extra: object = {}) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [choice],
    ...extra,
  });
  return sse([
    { data: chunk({ index: 0, delta, finish_reason: null }) },
    { data: chunk({ index: 0, delta: {}, finish_reason: finish }, { usage }) },
    { data: '[DONE]' },
  ]);
}

export function gemini(reply: Reply, stream: boolean): Encoded {
  const part =
    reply.kind === 'text' ? { text: reply.text } : { functionCall: { name: reply.name, args: reply.args } };
  const body = {
    candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
    modelVersion: MODEL,
  };
  return stream ? sse([{ data: body }]) : json(body);
}

/** A Responses API output item: a message, a client tool search, or a function call (in its namespace, if any). */
function responsesItem(reply: Reply): Record<string, unknown> {
  if (reply.kind === 'text') {
    return {
      type: 'message',
      id: 'msg_fake',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: reply.text, annotations: [] }],
    };
  }
  if (reply.name === TOOL_SEARCH) {
    const search = { type: 'tool_search_call', id: 'tsc_fake', call_id: reply.id, execution: 'client' };
    return { ...search, arguments: reply.args, status: 'completed' };
  }
  return {
    type: 'function_call',
    id: 'fc_fake',
    call_id: reply.id,
    ...(reply.namespace === undefined ? {} : { namespace: reply.namespace }),
    name: reply.name,
    arguments: JSON.stringify(reply.args),
    status: 'completed',
  };
}

/** The Responses API: one output item, streamed as Codex CLI reads it. */
export function responses(reply: Reply, stream: boolean): Encoded {
  const id = `resp_${reply.kind}`;
  const item = responsesItem(reply);
  const usage = {
    input_tokens: 10,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 5,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 15,
  };
  const response = { id, object: 'response', created_at: 1_700_000_000, model: MODEL, status: 'completed' };
  if (!stream) return json({ ...response, output: [item], usage });
  const events: { event: string; data: unknown }[] = [
    {
      event: 'response.created',
      data: { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
    },
    {
      event: 'response.output_item.added',
      data: { type: 'response.output_item.added', output_index: 0, item },
    },
  ];
  if (reply.kind === 'text') {
    events.push({
      event: 'response.output_text.delta',
      data: {
        type: 'response.output_text.delta',
        item_id: 'msg_fake',
        output_index: 0,
        content_index: 0,
        delta: reply.text,
      },
    });
  }
  events.push(
    {
      event: 'response.output_item.done',
      data: { type: 'response.output_item.done', output_index: 0, item },
    },
    {
      event: 'response.completed',
      data: { type: 'response.completed', response: { ...response, output: [item], usage } },
    },
  );
  return sse(events);
}

export const ENCODERS: Readonly<Record<Api, (reply: Reply, stream: boolean) => Encoded>> = {
  anthropic,
  openai,
  responses,
  gemini,
};
