// Calls to the REST API; a failure becomes an Error carrying the server's message.
import type { ApiError, ContextAnswer, RuleScan, SpecDetail, SpecList } from './types.js';

async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = (await response.json()) as T | ApiError;
  if (!response.ok) {
    const error = (body as ApiError).error;
    throw new Error(error.message);
  }
  return body as T;
}

export const api = {
  specs: (): Promise<SpecList> => get('/api/v0/specs'),
  spec: (feature: string): Promise<SpecDetail> => get(`/api/v0/specs/${encodeURIComponent(feature)}`),
  context: (feature: string): Promise<ContextAnswer> =>
    get(`/api/v0/context?spec=${encodeURIComponent(feature)}`),
  rules: (): Promise<RuleScan> => get('/api/v0/rules'),
};
