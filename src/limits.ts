// The largest text any surface takes in one piece: an MCP tool's text argument and the dashboard's POST body.
// Kept apart from both surfaces so that neither loads the other's modules for one number.
export const MAX_TEXT_BYTES = 1024 * 1024;
/** The largest spec file read from disk (lint, check): far above any spec, small enough to read whole. */
export const MAX_SPEC_BYTES = 10 * 1024 * 1024;
