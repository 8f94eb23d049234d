// techspec's public API: explicit named exports only, and only what a program needs to lint, contextualise and
// check specs, or to serve them. Everything else is internal and may change between versions.

// Lint
export { lintText } from './lint/engine.js';
export type { LintTextOptions } from './lint/engine.js';
export { lintFiles, lintSource } from './lint/files.js';
export type { LintFilesOptions, LintFilesReport, LintSourceOptions } from './lint/files.js';
export { FORMAT_NAMES, formatReport } from './lint/formatters/index.js';
export type { FormatName } from './lint/formatters/index.js';
export { RULES } from './lint/rules/index.js';
export { rulesTable } from './lint/rules-table.js';
export type { Diagnostic, Fix, InputProblem, LintResult, Severity } from './lint/diagnostic.js';
export { loadConfig, resolveConfig } from './lint/config.js';
export { summarizeSpecs } from './lint/specs.js';
export type { SpecSummary } from './lint/specs.js';
export type { ResolvedConfig } from './lint/config.js';

// The project: its root, config, files and assistants' rule files
export { createWorkspace } from './workspace/workspace.js';
export type { Workspace, WorkspaceOptions } from './workspace/workspace.js';
export { findProjectRoot } from './workspace/root.js';
export type { ProjectRoot } from './workspace/root.js';
export { createProject, listFiles } from './workspace/project.js';
export type { Project } from './workspace/project.js';
export { ASSISTANTS } from './assistants/registry.js';
export type { Assistant } from './assistants/assistant.js';
export { discoverRuleSources } from './assistants/rules/discover.js';
export type { RuleScan } from './assistants/rules/discover.js';
export type { RuleSource } from './assistants/rules/model.js';

// Specs
export { parseSpec } from './spec/parse.js';
export type { SpecDocument } from './spec/model.js';

// Context, drift
export { getContext } from './context/engine.js';
export type { ContextAnswer, ContextInput, ContextOptions } from './context/engine.js';
export { formatContext } from './context/format.js';
export { checkDrift } from './drift/check.js';
export type { DriftOptions, DriftReport } from './drift/model.js';

// Surfaces
export { createMcpServer } from './mcp/server.js';
export type { McpServerOptions } from './mcp/server.js';
export { startServer } from './serve/server.js';
export type { RunningServer, StartOptions } from './serve/server.js';

export { TechspecError } from './errors.js';
export type { ErrorCode } from './errors.js';
