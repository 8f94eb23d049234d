// Invariant: the dashboard never shows a spec's HTML comments (context reasons, directives) as text, keeps every
// line where it was so findings land on the right block, and shows `inline code` in messages and drift notes as code.
import { describe, expect, it } from 'vitest';
import { codeSpans, withoutComments } from '../web/src/text.js';

describe('withoutComments', () => {
  it('removes one-line and multi-line comments, keeping the line count', () => {
    const text = '# T\n\n- `src/a.ts` <!-- context: defines A -->\n<!--\ntechspec-disable\n-->\nText.\n';
    const out = withoutComments(text);
    expect(out).toBe('# T\n\n- `src/a.ts` \n\n\n\nText.\n');
    expect(out.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('drops an unclosed comment to the end, as CommonMark runs it', () => {
    expect(withoutComments('a\n<!-- open\nb\n')).toBe('a\n\n\n');
  });
});

describe('codeSpans', () => {
  it('splits code spans out of a message', () => {
    expect(codeSpans('Deleted file `src/b.ts` since baseline `abc1234`, expected it')).toStrictEqual([
      { code: false, text: 'Deleted file ' },
      { code: true, text: 'src/b.ts' },
      { code: false, text: ' since baseline ' },
      { code: true, text: 'abc1234' },
      { code: false, text: ', expected it' },
    ]);
  });

  it('reads double-backtick spans and leaves a lone backtick as text', () => {
    expect(codeSpans('name ``a`b`` and ` alone')).toStrictEqual([
      { code: false, text: 'name ' },
      { code: true, text: 'a`b' },
      { code: false, text: ' and ` alone' },
    ]);
  });
});
