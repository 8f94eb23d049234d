// Read-only helpers that rules share for walking the spec model: sections by id, blocks, offsets.
import type { Block, CodeBlock, ListItem, Section, SpecDocument } from '../spec/model.js';
import type { Template, TemplateSection } from '../spec/template.js';

export function sectionIndex(doc: SpecDocument, id: string): number {
  return doc.sections.findIndex((section) => section.id === id);
}

export function findSection(doc: SpecDocument, id: string): Section | undefined {
  return doc.sections.find((section) => section.id === id);
}

export function templateSection(template: Template, id: string): TemplateSection | undefined {
  return template.sections.find((section) => section.id === id);
}

/** The section's own blocks followed by those of every subsection, in document order. */
export function subtreeBlocks(doc: SpecDocument, index: number): Block[] {
  const root = doc.sections[index];
  if (!root) return [];
  const out = [...root.blocks];
  for (let i = index + 1; i < doc.sections.length; i++) {
    const section = doc.sections[i];
    if (!section || section.heading.line > root.endLine) break;
    out.push(...section.blocks);
  }
  return out;
}

/** Visits every block, descending into blockquotes and the lists nested in list items. */
export function walkBlocks(blocks: readonly Block[], visit: (block: Block) => void): void {
  for (const block of blocks) {
    visit(block);
    if (block.kind === 'blockquote') walkBlocks(block.blocks, visit);
    if (block.kind === 'list') for (const item of block.items) walkBlocks(item.lists, visit);
  }
}

export function codeBlocks(blocks: readonly Block[]): CodeBlock[] {
  const out: CodeBlock[] = [];
  walkBlocks(blocks, (block) => {
    if (block.kind === 'code') out.push(block);
  });
  return out;
}

/** Every list item, nested ones included, in document order. */
export function listItems(blocks: readonly Block[]): ListItem[] {
  const out: ListItem[] = [];
  walkBlocks(blocks, (block) => {
    if (block.kind === 'list') out.push(...block.items);
  });
  return out;
}

/** Character offset of a 1-based (line, column) position. */
export function offsetAt(doc: SpecDocument, line: number, column = 1): number {
  const start = doc.lineStarts[line - 1] ?? doc.text.length;
  return Math.min(start + column - 1, doc.text.length);
}

/** Every code block, those written inside list items included (`walkBlocks` does not enter item bodies). */
export function allCodeBlocks(blocks: readonly Block[]): CodeBlock[] {
  const out: CodeBlock[] = [];
  const visit = (inside: readonly Block[]): void => {
    for (const block of inside) {
      if (block.kind === 'code') out.push(block);
      else if (block.kind === 'blockquote') visit(block.blocks);
      else if (block.kind === 'list') for (const item of block.items) visit(item.blocks);
    }
  };
  visit(blocks);
  return out;
}
