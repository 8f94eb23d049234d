// Global setup of the real-clients suite: installs (or reuses) the pinned clients in the cache folder and hands the
// manifest to the tests; a client whose install failed is announced here, loudly, and its tests skip.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export interface InstalledClient {
  ok: boolean;
  package: string;
  version: string;
  bin: string;
  error?: string;
}

export interface ClientsManifest {
  root: string;
  clients: Record<string, InstalledClient>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    clients: ClientsManifest;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject): void {
  const out = execFileSync(process.execPath, [path.join(root, 'scripts/install-clients.mjs'), '--json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const manifest = JSON.parse(out) as ClientsManifest;
  for (const [name, client] of Object.entries(manifest.clients)) {
    if (!client.ok) {
      process.stderr.write(
        `\n!!! test:clients: ${name} (${client.package}@${client.version}) is NOT installed, its checks are SKIPPED: ${client.error ?? ''}\n\n`,
      );
    }
  }
  project.provide('clients', manifest);
}
