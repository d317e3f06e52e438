import type { Code, CodePatch, Example } from '@threadcoder/taxonomy';
import { useState, type FormEvent } from 'react';
import { EditError } from './edit-error.tsx';
import { useSave } from './editor-context.ts';
import { WhyField } from './why-field.tsx';

/** One example per line; a trailing "(post 12)" links the quote to its post. */
function examplesToText(examples: readonly Example[]): string {
  return examples.map((e) => (e.postId === undefined ? e.quote : `${e.quote} (post ${e.postId})`)).join('\n');
}

function textToExamples(text: string): Example[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const linked = /^(.*?)\s*\(post (\d+)\)$/.exec(line);
      return linked ? { quote: linked[1]!, postId: Number(linked[2]) } : { quote: line };
    });
}

interface Fields {
  name: string;
  definition: string;
  includeNote: string;
  excludeNote: string;
  examples: string;
  color: string;
  shortcut: string;
}

const fieldsOf = (code: Code): Fields => ({
  name: code.name,
  definition: code.definition,
  includeNote: code.includeNote,
  excludeNote: code.excludeNote,
  examples: examplesToText(code.examples),
  color: code.color ?? '',
  shortcut: code.shortcut ?? '',
});

/** Only what changed goes to the API; an empty color or shortcut clears it. */
function patchOf(code: Code, f: Fields): CodePatch {
  const before = fieldsOf(code);
  const patch: CodePatch = {};
  if (f.name !== before.name) patch.name = f.name;
  if (f.definition !== before.definition) patch.definition = f.definition;
  if (f.includeNote !== before.includeNote) patch.includeNote = f.includeNote;
  if (f.excludeNote !== before.excludeNote) patch.excludeNote = f.excludeNote;
  if (f.examples !== before.examples) patch.examples = textToExamples(f.examples);
  if (f.color.trim() !== before.color) patch.color = f.color.trim() || null;
  if (f.shortcut.trim() !== before.shortcut) patch.shortcut = f.shortcut.trim().toLowerCase() || null;
  return patch;
}

/** Inline editing of one code's text fields, color and shortcut; every save needs a why. */
export function CodeForm({ code }: { code: Code }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(code));
  // A new version on screen (a save, a reload) starts the form again from its values.
  const [base, setBase] = useState(code);
  if (base !== code) {
    setBase(code);
    setFields(fieldsOf(code));
  }
  const [why, setWhy] = useState('');
  const [saved, setSaved] = useState(false);
  const { save, pending, error, reload } = useSave();
  const patch = patchOf(code, fields);
  const changed = Object.keys(patch).length > 0;
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => {
    setFields({ ...fields, [key]: e.target.value });
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save({ op: 'update', id: code.id, patch, why })) {
      setWhy('');
      setSaved(true);
    }
  };
  return (
    <form aria-label={`Edit ${code.name}`} onSubmit={submit} className="cb-form">
      <label>
        Name
        <input value={fields.name} onChange={set('name')} required />
      </label>
      <label>
        Definition
        <textarea rows={3} value={fields.definition} onChange={set('definition')} />
      </label>
      <div className="grid-2 flat">
        <label>
          Include when
          <textarea rows={2} value={fields.includeNote} onChange={set('includeNote')} />
        </label>
        <label>
          Exclude when
          <textarea rows={2} value={fields.excludeNote} onChange={set('excludeNote')} />
        </label>
      </div>
      <label>
        Examples <span className="hint">(one quote a line; end with “(post 12)” to link the post)</span>
        <textarea rows={2} value={fields.examples} onChange={set('examples')} />
      </label>
      <div className="row">
        <label>
          Color <span className="hint">(#RRGGBB, empty for none)</span>
          <span className="cb-color">
            <input value={fields.color} onChange={set('color')} placeholder="#2f5fb3" />
            <input
              type="color"
              aria-label="Pick a color"
              value={/^#[0-9a-f]{6}$/i.test(fields.color) ? fields.color : '#ffffff'}
              onChange={set('color')}
            />
          </span>
        </label>
        <label>
          Shortcut <span className="hint">(one key)</span>
          <input value={fields.shortcut} onChange={set('shortcut')} maxLength={1} size={3} />
        </label>
      </div>
      <WhyField value={why} onChange={setWhy} />
      <EditError error={error} onReload={reload} />
      <div className="dialog-actions">
        {saved && !changed ? (
          <span className="saved" role="status">
            Saved as a new version
          </span>
        ) : null}
        <button type="submit" disabled={pending || !changed}>
          Save changes
        </button>
      </div>
    </form>
  );
}
