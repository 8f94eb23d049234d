// Registers every HTTP route of the service under /api/v0.
import { Hono } from 'hono';

export function routes(): Hono {
  const app = new Hono().basePath('/api/v0');
  app.get('/orders/:id', (c) => c.json({ id: c.req.param('id') }));
  return app;
}
