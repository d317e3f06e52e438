// The report as a list of blocks (headings, paragraphs, tables, charts) that report-md.ts and
// report-html.ts render; every string here is plain text, escaped by the renderer. Written to
// be adapted into a paper's methods and results: sentences say what was done, tables carry
// the numbers.
import { REPORT_BOOTSTRAP, type Draw, type ReportData } from './report-data.ts';
import { ciText, day, num, pct, pValue, statLabel, statText, statValue } from './report-format.ts';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][]; numeric?: number[] }
  | {
      kind: 'chart';
      title: string;
      periods: string[];
      series: { name: string; color: string | null; values: number[] }[];
    };

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
const unitWord = (d: ReportData, n: number) => `${n} ${d.study.unitKind}${n === 1 ? '' : 's'}`;

function drawSentence(d: ReportData, draw: Draw): string {
  const round = d.rounds.find((r) => r.id === draw.roundId)?.name;
  const into = round ? `Into round “${round}”` : 'Into the study';
  if (draw.seed === undefined)
    return `${into}: units added by ${draw.method ?? 'hand'}${draw.note ? ` (${draw.note})` : ''}.`;
  const how =
    !draw.strata || draw.strata === 'none'
      ? 'by simple random sampling'
      : `by stratified random sampling (strata: ${draw.strata}, proportional allocation with largest-remainder rounding)`;
  const coders = draw.coderIds?.length ?? 0;
  const overlap =
    draw.overlap === undefined
      ? ''
      : draw.overlap >= 1
        ? `; every unit was assigned to all ${coders} coders`
        : `; ${pct(draw.overlap, 0)} of the units (chosen at random) were assigned to all ${coders} coders and the rest to one coder each, in turn`;
  const size = draw.size ?? 0;
  return `${into}: ${size} unit${size === 1 ? '' : 's'} drawn ${how} from ${draw.population === undefined ? 'the' : `a population of ${draw.population}`} ${d.study.unitKind}s not yet sampled, with seed “${draw.seed}”${overlap}${draw.at ? `, on ${day(draw.at)}` : ''}.`;
}

function sample(d: ReportData): Block[] {
  const s = d.study;
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Sample' },
    {
      kind: 'paragraph',
      text: `The unit of analysis is the ${s.unitKind}. The population is the ${d.selection.threads} threads (${d.selection.posts} posts) selected into the study${d.selection.note ? ` (${d.selection.note})` : ''}; ${unitWord(d, d.units)} were sampled from it. Each unit was coded ${s.labelMode === 'multi' ? 'with any number of codes (multi-label)' : 'with one code (single-label)'}${s.blind ? ', blind: coders did not see each other’s codings until adjudication' : ''}.`,
    },
  ];
  if (d.selection.rules.length) {
    blocks.push({
      kind: 'list',
      items: d.selection.rules.map(
        (r) =>
          `${r.action === 'add' ? 'Added' : 'Removed'} ${r.matched} threads by ${r.kind} rule on ${day(r.at)} (${r.threads} threads after)`,
      ),
    });
  }
  if (d.draws.length) blocks.push({ kind: 'list', items: d.draws.map((draw) => drawSentence(d, draw)) });
  const strata = d.draws.filter((draw) => draw.strataCounts && draw.strata && draw.strata !== 'none');
  for (const draw of strata) {
    blocks.push({
      kind: 'table',
      caption: `Strata of the draw with seed “${draw.seed}”`,
      head: ['Stratum', 'Population', 'Sampled'],
      rows: draw.strataCounts!.map((c) => [c.stratum, String(c.population), String(c.sampled)]),
      numeric: [1, 2],
    });
  }
  return blocks;
}

function codersAndRounds(d: ReportData): Block[] {
  const roles = new Map<string, string[]>();
  for (const m of d.members) roles.set(m.username, [...(roles.get(m.username) ?? []), m.role]);
  const name = (username: string) => d.members.find((m) => m.username === username)?.displayName ?? username;
  const settled = d.codedUnits
    ? `${d.codedUnits} unit${d.codedUnits === 1 ? ' is' : 's are'} settled (their final labels are known). `
    : 'No unit is settled yet. ';
  const adj = d.finals.adjudications;
  return [
    { kind: 'heading', level: 2, text: 'Coders and rounds' },
    {
      kind: 'table',
      caption: 'Rounds',
      head: ['Round', 'Kind', 'Status', 'Units', 'Unblinded', 'Closed'],
      rows: d.rounds.map((r) => [
        r.name,
        r.kind,
        r.status,
        String(r.units),
        r.unblinded ? 'yes' : 'no',
        day(r.closedAt),
      ]),
      numeric: [3],
    },
    {
      kind: 'table',
      caption: 'Coders: units assigned and coded per round',
      head: ['Coder', 'Roles', 'Round', 'Assigned', 'Coded', 'Unsure'],
      rows: d.progress.map((p) => [
        name(p.username),
        (roles.get(p.username) ?? []).join(', '),
        d.rounds.find((r) => r.id === p.roundId)?.name ?? '',
        String(p.assigned),
        String(p.done),
        String(p.unsure),
      ]),
      numeric: [3, 4, 5],
    },
    {
      kind: 'paragraph',
      text: `${settled}A unit’s final labels are the coders’ common set where they agree, and the adjudicated set where they disagree. Adjudications: ${adj.settled} settled, ${adj.open} open, ${adj.reopened} reopened.`,
    },
  ];
}

function agreement(d: ReportData): Block[] {
  const a = d.agreement;
  const o = a.overall;
  const head = (key: string) => o.statistics.find((s) => s.key === key);
  const kappa = head(o.headline.kappa);
  const alpha = head(o.headline.alpha);
  const codeName = (id: string) => d.study.codeName(id);
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Agreement' },
    {
      kind: 'paragraph',
      text:
        o.units === 0
          ? 'No unit has been coded by two or more coders yet, so agreement cannot be computed.'
          : `Agreement was computed over the ${o.units} units coded by two or more coders (${o.coders.join(', ')}). ${kappa ? `${statLabel(kappa.key)} = ${statText(kappa)}` : ''}${alpha ? `; ${statLabel(alpha.key)} = ${statText(alpha)}` : ''}. Intervals are 95% bootstrap percentile intervals (${REPORT_BOOTSTRAP.resamples} resamples of units, seed ${REPORT_BOOTSTRAP.seed}).`,
    },
  ];
  if (o.units === 0) return blocks;
  blocks.push(
    {
      kind: 'table',
      caption: 'Agreement over all rounds',
      head: ['Statistic', 'Value', '95% CI', 'Note'],
      rows: o.statistics.map((s) => [statLabel(s.key), statValue(s.key, s.value), ciText(s), s.reason ?? '']),
      numeric: [1],
    },
    {
      kind: 'table',
      caption: 'Agreement per round',
      head: ['Round', 'Units', statLabel(o.headline.kappa), statLabel(o.headline.alpha), 'Percent agreement'],
      rows: a.rounds.map((r) => {
        const get = (key: string) => statValue(key, r.statistics.find((s) => s.key === key)?.value ?? null);
        return [r.name, String(r.units), get(r.headline.kappa), get(r.headline.alpha), get('percent_agreement')];
      }),
      numeric: [1, 2, 3, 4],
    },
  );
  if (a.perCode.length) {
    blocks.push({
      kind: 'table',
      caption: 'Agreement per code (each code as present/absent)',
      head: ['Code', 'Prevalence', 'κ', 'α'],
      rows: a.perCode.map((c) => [codeName(c.codeId), pct(c.prevalence), num(c.kappa.value), num(c.alpha.value)]),
      numeric: [1, 2, 3],
    });
  }
  if (a.pairs.length) {
    blocks.push({
      kind: 'table',
      caption: 'Agreement per pair of coders',
      head: ['Coders', 'Units', 'Percent agreement', 'Cohen’s κ'],
      rows: a.pairs.map((p) => [
        `${p.coderA} & ${p.coderB}`,
        String(p.units),
        num(p.percentAgreement.value),
        num(p.kappa.value),
      ]),
      numeric: [1, 2, 3],
    });
  }
  return blocks;
}

function besideReported(d: ReportData): Block[] {
  if (!d.reported) return [];
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Beside the published counts' },
    {
      kind: 'paragraph',
      text: `The codebook comes from a published study that reported how often it coded each category: ${sentence(d.reported.source)} Below, each dimension’s categories are compared as shares of that dimension’s instances (a unit with two categories counts for both). A chi-square goodness-of-fit test compares our counts with the reported shares; categories expected fewer than 5 times are pooled into one bin first. The standardized residual is (O − E) / √(E (1 − p)).`,
    },
  ];
  for (const dim of d.reported.dimensions) {
    const t = dim.test;
    const names = new Map(dim.rows.map((r) => [r.codeId, r.name]));
    blocks.push(
      {
        kind: 'table',
        caption: `${dim.name}: our counts beside the reported ones`,
        head: ['Category', 'Reported', 'Reported share', 'Ours', 'Our share', 'Difference', 'Std. residual'],
        rows: dim.rows.map((r) => [
          r.name,
          String(r.reported),
          pct(r.reportedShare),
          String(r.units),
          pct(r.share),
          pct(r.shareDifference),
          num(r.residual, 2),
        ]),
        numeric: [1, 2, 3, 4, 5, 6],
      },
      {
        kind: 'paragraph',
        text:
          'p' in t
            ? `${dim.name}: χ²(${t.df}) = ${num(t.statistic, 2)}, p = ${pValue(t.p)}, over our ${dim.total} instances against the ${dim.reportedTotal} reported${t.pooled.length ? `; pooled: ${t.pooled.map((id) => names.get(id) ?? id).join(', ')}` : ''}.`
            : `${dim.name}: no goodness-of-fit test (${t.reason}).`,
      },
    );
  }
  return blocks;
}

function taxonomy(d: ReportData): Block[] {
  if (!d.taxonomy)
    return [
      { kind: 'heading', level: 2, text: 'Taxonomy' },
      { kind: 'paragraph', text: 'The study has no codebook yet.' },
    ];
  const cb = d.study.codebook!;
  return [
    { kind: 'heading', level: 2, text: 'Taxonomy' },
    {
      kind: 'paragraph',
      text: `Codebook “${cb.name}”, version ${cb.version}. Units counts the settled units whose final labels include the code or a code below it; share is of the ${d.codedUnits} settled units.`,
    },
    {
      kind: 'table',
      caption: 'Codes with definitions and final-label counts',
      head: ['Code', 'Definition', 'Units', 'Share'],
      rows: d.taxonomy.map((t) => [
        `${t.path}${t.code.status === 'deprecated' ? ' (deprecated)' : ''}`,
        t.code.definition,
        String(t.units),
        pct(t.share),
      ]),
      numeric: [2, 3],
    },
  ];
}

function trends(d: ReportData): Block[] {
  const t = d.trend;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Trends' }];
  if (!t || t.periods.length === 0)
    return [...blocks, { kind: 'paragraph', text: 'No settled unit yet: there is nothing to show over time.' }];
  const word = d.granularity;
  blocks.push({
    kind: 'paragraph',
    text: `Settled units per ${word} (by the date of the ${d.study.unitKind}) for each dimension and the codes directly under it; a unit counts for a code when its final labels include the code or a code below it, and shares are of the ${word}’s settled units. Every code and period as tidy CSV, with shares: the counts export (Export page, or threadcoder export counts --study ${d.study.id} --period ${word}).`,
  });
  // One chart and one table per dimension: periods down the rows, so any number of them fits a page.
  for (const dim of t.nodes.filter((n) => n.depth === 0 && n.total > 0)) {
    const codes = t.nodes.filter((n) => n.parentId === dim.id && n.total > 0);
    if (codes.length) {
      blocks.push({
        kind: 'chart',
        title: `${dim.name}: share of settled units per ${word}`,
        periods: t.periods.map((p) => p.label),
        series: codes.map((n) => ({ name: n.name, color: n.color, values: n.shares })),
      });
    }
    // At most six codes a table, so a table fits a printed page's width.
    const chunks = codes.length
      ? Array.from({ length: Math.ceil(codes.length / 6) }, (_, k) => codes.slice(k * 6, k * 6 + 6))
      : [[]];
    chunks.forEach((chunk, k) => {
      const lead = k === 0 ? [dim] : [];
      const columns = [...lead, ...chunk];
      const part = chunks.length > 1 ? ` (codes ${k * 6 + 1}–${k * 6 + chunk.length} of ${codes.length})` : '';
      blocks.push({
        kind: 'table',
        caption: `${dim.name}: settled units per ${word}${part}`,
        head: [
          word[0]!.toUpperCase() + word.slice(1),
          'Settled units',
          ...columns.map((n) => (n === dim ? `${n.name} (all)` : n.name)),
        ],
        rows: [
          ...t.periods.map((p, i) => [p.label, String(t.codedUnits[i]), ...columns.map((n) => String(n.counts[i]))]),
          ['Total', String(d.codedUnits), ...columns.map((n) => String(n.total))],
        ],
        numeric: [1, ...columns.map((_, i) => i + 2)],
      });
    });
  }
  const chi = t.tests.chiSquare;
  blocks.push({
    kind: 'paragraph',
    text:
      chi.value === null
        ? `A chi-square test of codes × ${word}s is not defined here (${chi.reason}).`
        : `Chi-square test of independence of code and ${word} (codes labelled directly): χ² = ${num(chi.value.statistic, 2)}, df = ${chi.value.df}, p = ${pValue(chi.value.p)}, Cramér’s V = ${num(chi.value.cramersV)}, N = ${chi.value.n}.${chi.value.warning ? ` ${sentence(chi.value.warning)}` : ''}`,
  });
  if (t.tests.trends.length) {
    blocks.push({
      kind: 'table',
      caption: `Monotonic trend of each code’s share per ${word} (p-values Holm-adjusted across codes)`,
      head: ['Code', 'Periods', 'Mann–Kendall z', 'p (Holm)', 'Spearman ρ', 'p (Holm)', 'Note'],
      rows: t.tests.trends.map((x) => {
        const mk = x.mannKendall.value;
        const rho = x.spearman.value;
        const reasons = [...new Set([x.mannKendall, x.spearman].flatMap((r) => (r.value === null ? [r.reason] : [])))];
        return [
          d.study.codePath(x.codeId),
          String(mk?.n ?? rho?.n ?? '—'),
          mk ? num(mk.z, 2) : '—',
          mk ? pValue(mk.pHolm) : '—',
          rho ? num(rho.rho) : '—',
          rho ? pValue(rho.pHolm) : '—',
          reasons.join('; '),
        ];
      }),
      numeric: [1, 2, 3, 4, 5],
    });
  }
  return blocks;
}

export function reportBlocks(d: ReportData): Block[] {
  const cb = d.study.codebook;
  return [
    { kind: 'heading', level: 1, text: `${d.study.name}: methods and results` },
    {
      kind: 'paragraph',
      text: `Generated by Threadcoder on ${day(d.generatedAt)} from study ${d.study.id}${cb ? `, codebook “${cb.name}” version ${cb.version}` : ''}. Counts are of final labels; agreement is of the coders’ own codings before adjudication.`,
    },
    ...(d.study.description.trim() ? [{ kind: 'paragraph', text: d.study.description } as Block] : []),
    ...sample(d),
    ...codersAndRounds(d),
    ...agreement(d),
    ...taxonomy(d),
    ...besideReported(d),
    ...trends(d),
  ];
}
