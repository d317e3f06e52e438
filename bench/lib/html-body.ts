// Realistic forum post HTML of a target length: paragraphs of skewed-frequency words with
// inline code and links, code blocks, lists and quotes, as Discourse's `cooked` looks.
import type { Rng } from './prng.ts';

const common =
  'the a to and of I is in it that for you with this on have but be not are my can do if when what so model use from how error'.split(
    ' ',
  );
const domain = (
  'tokenizer dataset training fine-tune checkpoint pipeline inference gradient batch loss accuracy transformers hub upload ' +
  'cuda memory GPU epoch learning rate optimizer scheduler embedding attention layer weights config trainer evaluation ' +
  'metric tensor shape padding truncation sequence label classification generation decoder encoder quantization adapter ' +
  'LoRA accelerate deepspeed spaces gradio endpoint latency token vocabulary preprocessing collator logits softmax'
).split(' ');
const words = [...common, ...domain];
const identifiers = [
  'from_pretrained',
  'push_to_hub',
  'AutoTokenizer',
  'Trainer',
  'load_dataset',
  'model.generate()',
  'torch.cuda.empty_cache()',
  'per_device_train_batch_size',
];
const codeLines = [
  'from transformers import AutoModelForSequenceClassification, AutoTokenizer',
  'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
  'model = AutoModelForSequenceClassification.from_pretrained(checkpoint, num_labels=2)',
  'args = TrainingArguments(output_dir="out", learning_rate=2e-5, num_train_epochs=3)',
  'trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"])',
  'outputs = model(**inputs)',
  'RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 15.90 GiB total capacity)',
  'for batch in dataloader:',
  '    loss = outputs.loss  # shape: []',
];
const links = [
  'https://huggingface.co/docs/transformers/main_classes/trainer',
  'https://huggingface.co/docs/datasets/loading',
  'https://github.com/huggingface/transformers/issues/1234',
  '/t/cuda-out-of-memory/1001',
];
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function sentence(r: Rng): string {
  const n = r.int(6, 18);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.04) out.push(`<code>${r.pick(identifiers)}</code>`);
    else if (roll < 0.06) out.push(`<a href="${r.pick(links)}">${r.zipf(domain)}</a>`);
    else if (roll < 0.08) out.push('&amp;');
    else out.push(r.zipf(words));
  }
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}${r.pick(['.', '.', '?', '!'])}`;
}

function block(r: Rng): string {
  const roll = r.next();
  if (roll < 0.15)
    return `<pre><code class="lang-python">${Array.from({ length: r.int(2, 6) }, () => escapeHtml(r.pick(codeLines))).join('\n')}\n</code></pre>`;
  if (roll < 0.25) return `<ul>${Array.from({ length: r.int(2, 4) }, () => `<li>${sentence(r)}</li>`).join('')}</ul>`;
  if (roll < 0.32) {
    return `<aside class="quote no-group" data-username="user${r.int(1, 2000)}"><blockquote><p>${sentence(r)}</p></blockquote></aside>`;
  }
  return `<p>${Array.from({ length: r.int(1, 4) }, () => sentence(r)).join(' ')}</p>`;
}

/** A post body of roughly `length` characters (the last block may overshoot a little). */
export function htmlBody(r: Rng, length: number): string {
  let html = '';
  while (html.length < length) html += (html ? '\n' : '') + block(r);
  return html.length > length + 400 ? `<p>${sentence(r)}</p>${html.slice(html.indexOf('\n') + 1)}` : html;
}
