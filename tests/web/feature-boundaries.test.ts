import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

// bulletproof-react's rule: a feature folder imports shared code (api/, components/, hooks/, packages)
// but never another feature; routing that combines features lives in app/.
const webSrc = resolve(import.meta.dirname, '../../apps/web/src');
const featuresDir = join(webSrc, 'features');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Relative module specifiers of every import and export-from in a source text (dynamic imports too). */
function importSpecifiers(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm);
  return [...found].map((m) => m[1]!);
}

/** "file → imported file" for each import of one feature that lands in another feature. */
function crossFeatureImports(file: string, text: string): string[] {
  const own = relative(featuresDir, file).split('/')[0];
  return importSpecifiers(text).flatMap((spec) => {
    const target = relative(featuresDir, resolve(dirname(file), spec));
    const feature = target.startsWith('..') ? null : target.split('/')[0];
    return feature && feature !== own ? [`${relative(webSrc, file)} → ${spec}`] : [];
  });
}

test('no feature imports another feature', () => {
  const offences = sourceFiles(featuresDir).flatMap((f) => crossFeatureImports(f, readFileSync(f, 'utf8')));
  expect(offences).toEqual([]);
});

test('the check sees a cross-feature import, static or dynamic, and lets shared code through', () => {
  const file = join(featuresDir, 'coding', 'unit-editor.tsx');
  const text = [
    "import { useStudyId } from '../../hooks/use-study-id.ts';",
    "import { SuggestionsPanel } from '../suggestions/suggestions-panel.tsx';",
    "import { keys } from './use-keys.ts';",
    "const Page = lazy(() => import('../analysis/analysis-page.tsx'));",
    "export { thing } from '../studies/thing.ts';",
  ].join('\n');
  expect(crossFeatureImports(file, text)).toEqual([
    'features/coding/unit-editor.tsx → ../suggestions/suggestions-panel.tsx',
    'features/coding/unit-editor.tsx → ../analysis/analysis-page.tsx',
    'features/coding/unit-editor.tsx → ../studies/thing.ts',
  ]);
});
