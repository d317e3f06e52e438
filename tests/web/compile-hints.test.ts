// The build marks the start-up chunks (the entry and its static imports) for V8's eager compiling,
// and leaves the pages' chunks lazy (apps/web/build/compile-hints.ts).
import { expect, test } from 'vitest';
import { compileHint, markStartupChunks } from '../../apps/web/build/compile-hints.ts';

const chunk = (fileName: string, isEntry: boolean, imports: string[]) => ({
  type: 'chunk' as const,
  fileName,
  isEntry,
  imports,
  code: `/* ${fileName} */`,
});

test('the entry and the chunks it imports statically get the hint at their start; a page chunk does not', () => {
  const bundle = {
    'assets/index.js': chunk('assets/index.js', true, ['assets/vendor.js']),
    'assets/vendor.js': chunk('assets/vendor.js', false, []),
    'assets/page.js': chunk('assets/page.js', false, ['assets/vendor.js', 'assets/index.js']),
    'assets/index.css': { type: 'asset' as const },
  };
  expect(markStartupChunks(bundle)).toEqual(['assets/index.js', 'assets/vendor.js']);
  expect(bundle['assets/index.js'].code).toBe('//# allFunctionsCalledOnLoad\n/* assets/index.js */');
  expect(bundle['assets/vendor.js'].code).toBe(`${compileHint}/* assets/vendor.js */`);
  expect(bundle['assets/page.js'].code).toBe('/* assets/page.js */');
});

test('a bundle without an entry marks nothing', () => {
  const bundle = { 'assets/page.js': chunk('assets/page.js', false, []) };
  expect(markStartupChunks(bundle)).toEqual([]);
  expect(bundle['assets/page.js'].code).toBe('/* assets/page.js */');
});
