// Requests whose params do not fit their method's schema (`tools/call` with `"arguments": "str"`) are answered by the
// transports with -32602 and one line naming the key, before the SDK would answer -32603 with a multi-line zod dump.
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  InitializeRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

interface Schema {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
}

const SCHEMAS: Readonly<Record<string, Schema>> = {
  initialize: InitializeRequestSchema,
  'tools/list': ListToolsRequestSchema,
  'tools/call': CallToolRequestSchema,
  'prompts/list': ListPromptsRequestSchema,
  'prompts/get': GetPromptRequestSchema,
  'resources/list': ListResourcesRequestSchema,
  'resources/templates/list': ListResourceTemplatesRequestSchema,
  'resources/read': ReadResourceRequestSchema,
  'completion/complete': CompleteRequestSchema,
};

export interface ParamsError {
  id: string | number;
  code: number;
  message: string;
}

/** The error to answer for a request whose params its method's schema rejects; undefined for anything else. */
export function paramsError(message: unknown): ParamsError | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { id, method } = message as { id?: unknown; method?: unknown };
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof method !== 'string') return undefined;
  const schema = SCHEMAS[method];
  const result = schema?.safeParse(message);
  const issue = result && !result.success ? result.error?.issues[0] : undefined;
  if (!issue) return undefined;
  const key = issue.path.map(String).join('.') || 'params';
  const detail = issue.message.replace(/\s+/g, ' ').trim();
  return {
    id,
    code: ErrorCode.InvalidParams,
    message: `Invalid params for ${method}: ${key}: ${detail}, expected the shape the MCP specification gives`,
  };
}
