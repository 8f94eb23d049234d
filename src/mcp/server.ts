// The MCP server over the techspec library: one McpServer per client connection, tools, resources and prompts.
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { packageVersion } from '../package-info.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { holdWorkspace, type HeldWorkspace } from '../workspace/held.js';
import type { Log, ServerEnv } from './results.js';
import { registerLintTools } from './tools/lint.js';
import { registerProjectTools } from './tools/project.js';
import { registerWorkflowTools } from './tools/workflow.js';

export interface McpServerOptions {
  /** The project root: every path argument must resolve inside it; the config is found from here. */
  root: string;
  /** Where log lines go (default: standard error). Never standard output, which carries the protocol over stdio. */
  log?: Log;
  /** The workspace to share between servers of one process (the HTTP transport's sessions); default: a new one. */
  workspace?: HeldWorkspace;
  /**
   * Serve the create-techspec and review-techspec prompts (default true). Gemini CLI turns MCP prompts into slash
   * commands and renames both on a clash with the project's own `/create-techspec`, so init turns them off there.
   */
  prompts?: boolean;
}

const INSTRUCTIONS = [
  'techspec checks tech specs written from the project template (PRD → Tech Spec → Tasks).',
  'Before writing a spec, call get_context with the PRD to learn which rule files apply and which files matter,',
  'and get_template for the sections. After writing or editing a spec, call lint_spec on it and fix every',
  'finding until errorCount is 0. new_spec starts a draft with Standards Compliance and Relevant Files filled in;',
  'generate_tasks derives tasks.md from the Build Order; trace_feature and check_drift show what the PRD and the',
  'code say against the spec. list_specs shows every spec with its findings.',
].join(' ');

/** A new server for one connection; connect it to a transport (stdio, Streamable HTTP, in-memory). */
export function createMcpServer(options: McpServerOptions): McpServer {
  const root = path.resolve(options.root);
  const held = options.workspace ?? holdWorkspace(root);
  const env: ServerEnv = {
    root,
    version: packageVersion(),
    workspace: () => held.current(),
    settled: () => held.settled(),
    log:
      options.log ??
      ((line) => {
        process.stderr.write(`${line}\n`);
      }),
  };
  const server = new McpServer(
    { name: 'techspec', title: 'techspec', version: env.version },
    { instructions: INSTRUCTIONS },
  );
  registerLintTools(server, env);
  registerProjectTools(server, env);
  registerWorkflowTools(server, env);
  registerResources(server, env);
  if (options.prompts !== false) registerPrompts(server, env);
  return server;
}
