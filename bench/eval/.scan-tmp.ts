import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseSpec } from '../../src/spec/parse.js';
import { readManifest } from './manifest.js';
for (const e of readManifest('../shared/bench/dev.jsonl')) {
  const f = path.join('/work/eval-repos', e.id, e.spec_path);
  if (!existsSync(f)) continue;
  const doc = parseSpec(readFileSync(f, 'utf8'));
  doc.sections.forEach((s, i) => {
    if (!/standards|compliance|conformidade|padr/i.test(s.title) && s.id !== 'technical-considerations/standards-compliance') return;
    const codes = s.blocks.filter((b) => b.kind === 'code');
    const short = s.blocks.filter((b) => b.kind === 'paragraph' && b.text.length < 50 && !/[.:]$/.test(b.text.trim()));
    console.log(e.id.slice(0,60), s.heading.line, s.id ?? '-', s.title.slice(0,30), 'codes', codes.map((c) => c.line).join(','), '| short', short.map((p) => `${p.line}:${p.text}`).join(' | ').slice(0,200));
  });
}
