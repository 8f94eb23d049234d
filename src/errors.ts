// Failures that are not findings: bad config, unreadable input, unknown rule. Each exits 2 with one line.

export type ErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_INVALID'
  | 'USAGE'
  /** A path argument that resolves outside the project root (`..`, absolute, or a symlink out). */
  | 'PATH_OUTSIDE'
  /** A named feature, spec or file that does not exist. */
  | 'NOT_FOUND'
  /** A file that would be overwritten without `--force`. */
  | 'EXISTS'
  /** A git command that failed or a repository state git cannot answer for (no commits, unknown baseline). */
  | 'GIT'
  /** A file that exists but cannot be read or written. */
  | 'IO';

export class TechspecError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'TechspecError';
  }
}
