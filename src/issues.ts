// Where techspec's bugs are reported: every "this is a bug" message names it (the CLI's and the MCP server's).
export const ISSUES_URL = 'https://github.com/techspec-dev/techspec/issues';
