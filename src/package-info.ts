// techspec's own package version, found upwards from this module (it runs from src/ in tests, dist/ when built).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++, dir = path.dirname(dir)) {
    try {
      const parsed = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (parsed.name === 'techspec' && parsed.version) return parsed.version;
    } catch {
      // No package.json at this level: keep going up.
    }
  }
  return '0.0.0';
}
