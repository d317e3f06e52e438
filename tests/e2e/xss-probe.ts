// Catches any XSS payload that runs in a browser context: a call to window.__xss(id), a
// dialog (alert/confirm/prompt, from any frame), or a request to the payloads' marker host
// (requests to any other host are aborted and listed). Also counts CSP violations, and scans each
// page's DOM for live dangerous markup that did not fire only because nobody hovered,
// focused or clicked it (on* attributes, javascript: URLs, frames, base, meta refresh).
import type { BrowserContext, Page } from 'playwright-core';
import { MARKER_HOST } from './xss-payloads.ts';

export interface Hit {
  kind: 'call' | 'dialog' | 'request' | 'dom';
  page: string;
  detail: string;
}

export interface PageScan {
  /** Dangerous markup found in the DOM. */
  findings: string[];
  /** Payload strings shown verbatim as text (in text nodes or form fields). */
  verbatim: number[];
  /** securitypolicyviolation events seen on the page. */
  cspViolations: string[];
}

const appHosts = new Set(['localhost', '127.0.0.1']);

export class XssProbe {
  readonly hits: Hit[] = [];
  /** Requests to other hosts that no payload made: remote images a post links to (allowed, http(s) only). */
  readonly external: string[] = [];
  private current = '(none)';

  /** Installs the listeners on a context before any of its pages opens. */
  async attach(context: BrowserContext): Promise<void> {
    await context.exposeFunction(
      '__xss',
      (id: unknown) => void this.hits.push({ kind: 'call', page: this.current, detail: `__xss(${String(id)})` }),
    );
    await context.route(
      (url) => /^(https?|wss?):$/.test(url.protocol) && !appHosts.has(url.hostname),
      (route) => {
        const url = route.request().url();
        if (new URL(url).hostname === MARKER_HOST) this.hits.push({ kind: 'request', page: this.current, detail: url });
        else this.external.push(url);
        return route.abort();
      },
    );
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    const watch = (page: Page) =>
      page.on('dialog', (d) => {
        this.hits.push({ kind: 'dialog', page: this.current, detail: `${d.type()}(${d.message()})` });
        void d.dismiss().catch(() => undefined);
      });
    context.pages().forEach(watch);
    context.on('page', watch);
  }

  /**
   * Opens `url`, waits until at least `minShown` payloads show as text (the page's data has
   * rendered) or 10 s pass, and scans it; `label` names the page in the report.
   */
  async visit(page: Page, label: string, url: string, texts: string[], minShown = 0): Promise<PageScan> {
    this.current = label;
    await page.goto(url, { waitUntil: 'networkidle' });
    return this.scan(page, label, texts, minShown);
  }

  /** Scans the page as it is now (after clicks that opened more of it). */
  async scan(page: Page, label: string, texts: string[], minShown = 0): Promise<PageScan> {
    this.current = label;
    const deadline = Date.now() + 10_000;
    let scan = await page.evaluate(scanDom, texts);
    while (scan.verbatim.length < minShown && Date.now() < deadline) {
      await page.waitForTimeout(200);
      scan = await page.evaluate(scanDom, texts);
    }
    for (const f of scan.findings) this.hits.push({ kind: 'dom', page: label, detail: f });
    return scan;
  }
}

// Runs in the page: must be self-contained.
function scanDom(texts: string[]): PageScan {
  const findings: string[] = [];
  const urlAttr = /^(href|src|action|formaction|data|xlink:href|background|poster|srcdoc|srcset|dynsrc|lowsrc|ping)$/i;
  const badScheme = /^(javascript|vbscript|livescript|data:text\/html|data:image\/svg)/;
  const framing = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);
  const describe = (el: Element) => `<${el.localName}> ${(el.outerHTML || '').slice(0, 120)}`;
  const sameOrigin = (url: string) => {
    try {
      return new URL(url, location.href).origin === location.origin;
    } catch {
      return false;
    }
  };
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.localName;
    if (framing.has(tag)) findings.push(describe(el));
    if (tag === 'meta' && el.hasAttribute('http-equiv') && el.getAttribute('http-equiv')!.toLowerCase() === 'refresh')
      findings.push(describe(el));
    if (tag === 'script' && !(el.getAttribute('src') && sameOrigin(el.getAttribute('src')!)))
      findings.push(describe(el));
    if (tag === 'link' && !sameOrigin(el.getAttribute('href') ?? '')) findings.push(describe(el));
    if (tag === 'style' && /@import|url\(|expression\(|javascript:/i.test(el.textContent ?? ''))
      findings.push(describe(el));
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? '';
      if (/^on/i.test(name)) findings.push(`${tag}[${name}] ${describe(el)}`);
      else if (urlAttr.test(name) && badScheme.test(value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()))
        findings.push(`${tag}[${name}=${value.slice(0, 60)}]`);
      else if (name === 'style' && /expression\(|javascript:|url\(/i.test(value))
        findings.push(`${tag}[style=${value.slice(0, 60)}]`);
    }
  }
  // What a person sees: text, plus the values of fields (memos sit in textareas).
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const fields = Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value);
  const shown = norm([document.body.textContent ?? '', document.title, ...fields].join(' '));
  const verbatim = texts.flatMap((t, i) => (shown.includes(norm(t)) ? [i + 1] : []));
  return { findings, verbatim, cspViolations: (window as unknown as { __csp?: string[] }).__csp ?? [] };
}
