// `threadcoder collect-hub` against the local replay and a temporary database (THREADCODER_DB).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/collect-hub.ts';
import { captureOutput } from '../support/capture-output.ts';
import { startHubReplay, type HubReplay } from '../support/hub-replay.ts';

let dir: string;
let hub: HubReplay;
let out: ReturnType<typeof captureOutput>;
beforeEach(async () => {
  hub = await startHubReplay(1500);
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-hub-cli-'));
  process.env.THREADCODER_DB = join(dir, 'cli.db');
  process.env.THREADCODER_COLLECT_ALLOW_PRIVATE = '1';
  out = captureOutput();
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env.THREADCODER_DB;
  delete process.env.THREADCODER_COLLECT_ALLOW_PRIVATE;
  rmSync(dir, { recursive: true, force: true });
  await hub.close();
});

describe('threadcoder collect-hub', () => {
  test('prints the run and the derived series as JSON; progress on stderr', async () => {
    expect(await run(['--hub', hub.url, '--rate', '10', '--page-size', '500'])).toBe(0);
    const report = JSON.parse(out.stdout());
    expect(report.collection).toMatchObject({ status: 'succeeded', progress: { models: 1500, pages: 3, requests: 3 } });
    expect(report.derivedSeries.map((s: { name: string; seriesCount: number }) => [s.name, s.seriesCount])).toEqual([
      ['Hub: model card share', 4],
      ['Hub: models created per base model', 1],
      ['Hub: models created per library', 3],
      ['Hub: models created per model type', 5],
      ['Hub: models created per pipeline tag', 4],
    ]);
    expect(out.stderr()).toContain('Starting Hub collection #1');
    expect(out.stderr()).toMatch(/models 1500 · pages 3 · 3 requests · back to 2024-05-/);
  });

  test('--card-details asks the model endpoint about each model whose listing left the card open', async () => {
    const args = ['--hub', hub.url, '--rate', '10', '--page-size', '100', '--max-models', '100', '--card-details'];
    expect(await run(args)).toBe(0);
    const report = JSON.parse(out.stdout());
    // models 8k+1 list a README without cardData: 1, 9, …, 97
    expect(report.collection.options.cardDetails).toBe(true);
    expect(report.collection.progress).toMatchObject({ requests: 1 + 13, cardDetails: { checked: 13, due: 0 } });
    expect(hub.log.filter((p) => p.startsWith('/api/models/'))).toHaveLength(13);
    expect(out.stderr()).toContain('card details 13 of 13');
  });

  test('bad options exit 2 with the reason', async () => {
    expect(await run(['--rate', '50'])).toBe(2);
    expect(out.stderr()).toContain('The rate must be more than 0 and at most 10 requests per second, not 50.');
    expect(await run(['--bogus'])).toBe(2);
  });
});
