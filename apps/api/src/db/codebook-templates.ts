// Codebook templates: every data/templates/*.json file holds a list of published
// taxonomies (templateFileSchema). Templates added later are only data, so the folder
// is read on each request (a few small files) rather than once at start-up.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateFileSchema, templateToCodebook, type Codebook, type Template } from '@threadcoder/taxonomy';
import { AppError } from '../http/errors.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** THREADCODER_TEMPLATES, else data/templates in the repository. */
function templatesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.THREADCODER_TEMPLATES ? resolve(env.THREADCODER_TEMPLATES) : join(repoRoot, 'data/templates');
}

/** All templates, files in name order; a malformed file is a deployment error and throws (500, logged). */
function readTemplates(dir = templatesDir()): Template[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.flatMap((name) => {
    const parsed = templateFileSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    if (!parsed.success) throw new Error(`The template file ${name} is invalid: ${parsed.error.message}`);
    return parsed.data.templates;
  });
}

export interface TemplateSummary {
  id: string;
  name: string;
  source: string;
  /** Codes a coder can apply, and per dimension. */
  codes: number;
  dimensions: { id: string; name: string; codes: number }[];
}

export function templateSummaries(dir = templatesDir()): TemplateSummary[] {
  return readTemplates(dir).map((t) => ({
    id: t.id,
    name: t.name,
    source: t.source,
    codes: t.codes.length,
    dimensions: t.dimensions.map((d) => ({
      id: d.id,
      name: d.name,
      codes: t.codes.filter((c) => c.dimension === d.id).length,
    })),
  }));
}

/** Version 1 of a codebook made from template `id`; 404 for an unknown id. */
export function templateCodebook(id: string, dir = templatesDir()): Codebook {
  const template = readTemplates(dir).find((t) => t.id === id);
  if (!template)
    throw new AppError('codebook.unknown_template', 404, `There is no template "${id}".`, { field: 'templateId' });
  const made = templateToCodebook(template);
  // A template that does not convert is broken data shipped with the app, not bad input.
  if (!made.ok) throw new Error(`Template ${id} does not convert: ${made.errors[0]?.message}`);
  return made.value;
}

/** The template a codebook was made from, if it is still shipped; null otherwise (or for no id). */
export function findTemplate(id: string | null, dir = templatesDir()): Template | null {
  return id === null ? null : (readTemplates(dir).find((t) => t.id === id) ?? null);
}
