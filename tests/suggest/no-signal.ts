// Labelled units with no signal in their words: codes are drawn at random and posts are bags of
// the same words whatever the code. What can still be learned is which unit is which — its
// thread's title, or another copy of its text — and a fair split must not reward that.
import type { UnitExample } from '../../apps/api/src/suggest/cross-fit.ts';
import { mulberry32 } from '@threadcoder/stats';

export const noSignalCodes = ['dataset', 'documentation', 'memory-performance', 'acknowledgement'];

const filler =
  'hello everyone question trying model today please help issue code version running using project idea anyone know works thing maybe'.split(
    ' ',
  );
const syllables = ['ka', 'to', 'ri', 'men', 'sa', 'lo', 'ver', 'di', 'pan', 'ur', 'te', 'mo', 'gal', 'si', 'ne'];

/** Each unit's code is its thread's; threads come in pairs of the same code that share one copied post. */
export function threadLabelled(pairs = 30, unitsPerThread = 4, seed = 3): UnitExample[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const word = () => Array.from({ length: 3 }, () => pick(syllables)).join('');
  const body = () => Array.from({ length: 8 }, () => pick(filler)).join(' ');
  const units: UnitExample[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const code = pick(noSignalCodes);
    const copied = body();
    for (const thread of [2 * pair + 1, 2 * pair + 2]) {
      const title = `${word()} ${word()} ${word()}`;
      for (let u = 0; u < unitsPerThread; u++) {
        const text = u === 0 ? copied : body();
        units.push({ text: `${title}\n${text}`, thread, body: text, codeIds: [code] });
      }
    }
  }
  return units;
}

/** Every unit in a thread of its own under a title like every other; each text is posted `copies` times, always with the same code. */
export function copiedTexts(texts = 60, copies = 3, seed = 3): UnitExample[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const units: UnitExample[] = [];
  for (let t = 0; t < texts; t++) {
    const code = pick(noSignalCodes);
    const text = Array.from({ length: 8 }, () => pick(filler)).join(' ');
    for (let c = 0; c < copies; c++) {
      // Copies differ in case and punctuation, as a pasted post often does.
      const copy = c === 1 ? `${text.toUpperCase()}!` : text;
      units.push({
        text: `Question about ${pick(filler)}\n${copy}`,
        thread: units.length + 1,
        body: copy,
        codeIds: [code],
      });
    }
  }
  return units;
}
