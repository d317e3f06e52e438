import { vi } from 'vitest';

/** Collects what a CLI command prints (stdout via write or console.log, stderr via console.error); undone by vi.restoreAllMocks(). */
export function captureOutput(): { stdout: () => string; stderr: () => string; clear: () => void } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((...args) => {
    out += `${args.join(' ')}\n`;
  });
  vi.spyOn(console, 'error').mockImplementation((...args) => {
    err += `${args.join(' ')}\n`;
  });
  return {
    stdout: () => out,
    stderr: () => err,
    clear: () => {
      out = '';
      err = '';
    },
  };
}
