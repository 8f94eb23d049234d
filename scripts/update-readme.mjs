// Rewrites the rule table between the README's rules markers from the built registry (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES, rulesTable } from '../dist/index.js';

const readme = readFileSync('README.md', 'utf8');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const before = readme.slice(0, readme.indexOf(start) + start.length);
const after = readme.slice(readme.indexOf(end));
writeFileSync('README.md', `${before}\n${rulesTable(RULES)}\n${after}`);
