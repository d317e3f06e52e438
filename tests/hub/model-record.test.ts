// A listed model as the Hub answers (the shape quoted from `curl https://huggingface.co/api/models/…`
// in public notes, with the fields full=true&config=true&cardData=true add), the Link header, options.
import { describe, expect, test } from 'vitest';
import { firstListingPath, nextListingPath } from '../../apps/api/src/hub/listing.ts';
import { baseModelsOf, toHubModel } from '../../apps/api/src/hub/model-record.ts';
import { resolveHubOptions } from '../../apps/api/src/hub/options.ts';

const llama = {
  _id: '6698d8a0653e4babe21e1e7d',
  id: 'meta-llama/Llama-3.1-8B-Instruct',
  private: false,
  pipeline_tag: 'text-generation',
  library_name: 'transformers',
  tags: [
    'transformers',
    'safetensors',
    'llama',
    'text-generation',
    'conversational',
    'en',
    'arxiv:2204.05149',
    'base_model:meta-llama/Llama-3.1-8B',
    'base_model:finetune:meta-llama/Llama-3.1-8B',
    'license:llama3.1',
    'region:us',
  ],
  downloads: 6375575,
  likes: 6675,
  modelId: 'meta-llama/Llama-3.1-8B-Instruct',
  author: 'meta-llama',
  sha: '0e9e39f249a16976918f6564b8830bc894c89659',
  lastModified: '2024-09-25T17:00:57.000Z',
  gated: 'manual',
  createdAt: '2024-07-18T08:56:00.000Z',
  config: { architectures: ['LlamaForCausalLM'], model_type: 'llama' },
  cardData: { language: ['en'], license: 'llama3.1' },
  siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, { rfilename: 'config.json' }],
};
const where = { file: '/api/models', field: '[0]' };

describe('toHubModel', () => {
  test('the fields the study needs', () => {
    expect(toHubModel(llama, where)).toEqual({
      modelId: 'meta-llama/Llama-3.1-8B-Instruct',
      author: 'meta-llama',
      createdAt: '2024-07-18T08:56:00.000Z',
      lastModified: '2024-09-25T17:00:57.000Z',
      pipelineTag: 'text-generation',
      libraryName: 'transformers',
      tags: llama.tags,
      modelType: 'llama',
      baseModels: ['meta-llama/Llama-3.1-8B'],
      hasCard: true,
      hasCardData: true,
      cardDetailsDue: false,
      downloads: 6375575,
      likes: 6675,
    });
  });

  test('a listing without files, config or card data: unknown, not false', () => {
    expect(toHubModel({ modelId: 'gpt2', tags: [] }, where)).toMatchObject({
      modelId: 'gpt2',
      author: null,
      modelType: null,
      hasCard: null,
      hasCardData: false,
      cardDetailsDue: true,
      downloads: null,
    });
  });

  test('card details are due only where the listing left the card open', () => {
    const { cardData: _, ...noCardData } = llama;
    expect(toHubModel(noCardData, where)).toMatchObject({ hasCard: true, hasCardData: false, cardDetailsDue: true });
    const noReadme = { ...noCardData, siblings: [{ rfilename: 'config.json' }] };
    expect(toHubModel(noReadme, where)).toMatchObject({ hasCard: false, hasCardData: false, cardDetailsDue: false });
    // an empty cardData field is an answer: metadata absent
    expect(toHubModel({ ...llama, cardData: {} }, where)).toMatchObject({ hasCardData: false, cardDetailsDue: false });
  });

  test('base models: plain, with a relation, several, repeated', () => {
    expect(
      baseModelsOf([
        'base_model:a/b',
        'base_model:quantized:a/b',
        'base_model:adapter:c/d',
        'base_model:merge:e/f',
        'base_model:merge:g/h',
      ]),
    ).toEqual(['a/b', 'c/d', 'e/f', 'g/h']);
  });

  test('a model without an id is refused with where it is', () => {
    expect(() => toHubModel({ author: 'x' }, where)).toThrow(
      "A listed model has no id; is this the Hub's /api/models?",
    );
  });
});

describe('listing', () => {
  const o = resolveHubOptions({ author: 'google', pipelineTag: 'fill-mask', library: 'transformers' });
  test('the first page: newest first, the listing fields, the filters', () => {
    expect(firstListingPath(o)).toBe(
      '/api/models?sort=createdAt&direction=-1&limit=1000&full=true&config=true&cardData=true&author=google&pipeline_tag=fill-mask&library=transformers',
    );
  });

  test('the next page comes from the Link header, read against the configured Hub', () => {
    const link = '<https://huggingface.co/api/models?sort=createdAt&cursor=eyIkb3IiOltdfQ%3D%3D>; rel="next"';
    expect(nextListingPath(link, 'http://127.0.0.1:8000')).toBe(
      '/api/models?sort=createdAt&cursor=eyIkb3IiOltdfQ%3D%3D',
    );
    expect(nextListingPath(link, 'https://mirror.example/hf')).toBe(
      '/api/models?sort=createdAt&cursor=eyIkb3IiOltdfQ%3D%3D',
    );
    expect(nextListingPath('<https://huggingface.co/api/models?p=1>; rel="prev"', 'https://huggingface.co')).toBeNull();
    expect(nextListingPath(null, 'https://huggingface.co')).toBeNull();
    expect(() => nextListingPath('<https://huggingface.co/login>; rel="next"', 'https://huggingface.co')).toThrow(
      "The Hub's next-page link leads to /login, not the model listing.",
    );
  });

  test.each([
    [{ rate: 11 }, 'rate', 'The rate must be more than 0 and at most 10 requests per second, not 11.'],
    [{ maxModels: 0 }, 'maxModels', 'The most models to collect must be a whole number of 1 or more, not 0.'],
    [{ since: '2024-02-30' }, 'since', '--since "2024-02-30" is not a date; use YYYY-MM-DD or an ISO-8601 time.'],
    [{ hubUrl: 'ftp://x' }, 'hubUrl', 'The Hub address must start with http:// or https://, not ftp://.'],
    [{ pageSize: 5000 }, 'pageSize', 'A listing page holds 1 to 1000 models, not 5000.'],
  ])('bad option %j', (request, field, message) => {
    expect(() => resolveHubOptions(request)).toThrow(message);
    expect(() => resolveHubOptions(request)).toThrow(
      expect.objectContaining({ code: 'hub.bad_option', where: { field } }),
    );
  });
});
