// Reads the evaluation manifest (one JSON case per line) and the ground truth of each case: listed files and rules.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const caseSchema = z.object({
  id: z.string(),
  repo: z.string().regex(/^[^/]+\/[^/]+$/),
  spec_path: z.string(),
  spec_added_commit: z.string(),
  parent_commit: z.string().nullable(),
  language: z.string().optional(),
  tier: z.string().optional(),
  prd: z.object({ path: z.string() }).nullable().optional(),
  relevant_files: z.array(z.object({ normalized: z.string(), exists_at_parent: z.boolean() })),
  standards_compliance_refs: z.array(
    z.object({ normalized: z.string(), is_rule_file: z.boolean(), exists_at_parent: z.boolean() }),
  ),
});

export type BenchCase = z.infer<typeof caseSchema>;

/** The cases of a manifest, in order; a malformed line names its number and the key that failed. */
export function readManifest(file: string): BenchCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: BenchCase[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = caseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${file}:${i + 1}: invalid case at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`,
      );
    }
    cases.push(parsed.data);
  });
  return cases;
}

/** Files the authors listed that existed at the parent commit, each once. */
export function truthFiles(entry: BenchCase): string[] {
  return [
    ...new Set(entry.relevant_files.filter((file) => file.exists_at_parent).map((file) => file.normalized)),
  ];
}

/** Rule files the authors cited that existed at the parent commit, each once. */
export function truthRules(entry: BenchCase): string[] {
  return [
    ...new Set(
      entry.standards_compliance_refs
        .filter((ref) => ref.is_rule_file && ref.exists_at_parent)
        .map((ref) => ref.normalized),
    ),
  ];
}
