// Who may call which API route. tests/api/route-matrix.test.ts reads the routes from the Hono
// router itself and calls each one as every role below; a route with no line here fails it.
//
// To add a route: one line, keyed "METHOD /path" exactly as the router spells it, with one of the
// access presets (or your own `access(...)`) and, if the route needs them, a query string, a body
// and path parameters (by default taken from `Fixture`, by name: :studyId, :unitId, :roundId, …).

/** The seven callers: nobody, a signed-in stranger to the study, the study's coder whose unit
 * and coding are the target, a second coder of the study (not assigned, not the author),
 * the adjudicator, the owner, and an instance administrator who is not a member. */
export const roles = ['anonymous', 'nonMember', 'coder', 'otherCoder', 'adjudicator', 'owner', 'admin'] as const;
export type Role = (typeof roles)[number];

/** 'ok': past authorization (2xx, or 4xx about the input or state, never 401/403/404); else that exact status. */
export type Outcome = 'ok' | 401 | 403 | 404;
type Access = Record<Role, Outcome>;

const access = (...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]): Access =>
  Object.fromEntries(roles.map((r, i) => [r, outcomes[i]!])) as Access;

//                                  anonymous nonMember coder otherCoder adjudicator owner admin
const PUBLIC = access('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');
const SIGNED_IN = access(401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');
const ADMIN = access(401, 403, 403, 403, 403, 403, 'ok');
/** Importing: administrators and users an administrator made importers; no study role grants it. */
const IMPORTER = access(401, 403, 403, 403, 403, 403, 'ok');
/** Any member of the study; non-members get 404 so study ids cannot be probed. */
const MEMBER = access(401, 404, 'ok', 'ok', 'ok', 'ok', 'ok');
const OWNER = access(401, 404, 403, 403, 403, 'ok', 'ok');
/** Adjudication, and results (final labels, counts, agreement) while the study is blind. */
const ADJUDICATOR = access(401, 404, 403, 403, 'ok', 'ok', 'ok');
/** One coder's own unit: the assigned coder, and those who oversee the study. */
const ASSIGNED = access(401, 404, 'ok', 403, 'ok', 'ok', 'ok');
/** One coder's own coding: only that coder writes it. */
const AUTHOR = access(401, 404, 'ok', 403, 403, 403, 403);

/** Ids in the matrix's study (built by route-matrix.test.ts) that path parameters and bodies refer to. */
export interface Fixture {
  studyId: number;
  /** The open main round. */
  roundId: number;
  /** A unit of the open round assigned to the coder only; the coder's coding of it carries a secret memo. */
  unitId: number;
  /** A unit of a closed round on which the two coders disagreed: in adjudication. */
  disputedUnitId: number;
  /** An open codebook review item of the coder's coding. */
  reviewId: number;
  groupId: number;
  importId: number;
  /** The forum source (Discourse) of the study's threads. */
  sourceId: number;
  /** A finished collection (not running: cancelling it is a 409 about state). */
  collectionId: number;
  /** A finished Hub collection (not running: cancelling it is a 409 about state). */
  hubCollectionId: number;
  /** A stored outside series set. */
  seriesSetId: number;
  threadId: number;
  /** The other coder's user id, and nonMember's. */
  otherCoderId: number;
  nonMemberId: number;
}

export interface RouteCase {
  access: Access;
  /** Path parameters beyond (or instead of) the fixture's same-named ids. */
  params?: (f: Fixture) => Record<string, string | number>;
  query?: string;
  body?: Record<string, unknown> | ((f: Fixture) => Record<string, unknown>);
  /** A raw (non-JSON) request body, e.g. an upload. */
  raw?: string;
}

const settle = { codeIds: ['documentation'], rationale: 'The thread asks for documentation.' };

export const routeTable: Record<string, RouteCase> = {
  'GET /api/health': { access: PUBLIC },
  'GET /api/auth/session': { access: PUBLIC },
  'POST /api/auth/login': { access: PUBLIC, body: { username: 'nina', password: 'correct horse battery' } },
  'POST /api/auth/logout': { access: PUBLIC },
  'POST /api/auth/setup': {
    access: PUBLIC,
    body: { username: 'second-admin', displayName: 'Second', password: 'long enough password' },
  },
  // A wrong current password: a signed-in caller gets 400, and nothing changes.
  'POST /api/auth/password': {
    access: SIGNED_IN,
    body: { currentPassword: 'not the password', newPassword: 'long enough password' },
  },
  'GET /api/users': { access: SIGNED_IN },
  'PATCH /api/users/:id': { access: ADMIN, params: (f) => ({ id: f.nonMemberId }), body: { isImporter: true } },
  'POST /api/users': {
    access: ADMIN,
    body: { username: 'newbie', displayName: 'Newbie', password: 'long enough password' },
  },
  'GET /api/sample-size': { access: SIGNED_IN, query: 'confidence=0.95&margin=0.05' },
  'GET /api/templates': { access: SIGNED_IN },
  'GET /api/sources': { access: SIGNED_IN },
  // Not a category list: an importer gets 400 before anything is written.
  'PUT /api/sources/:id/categories': {
    access: IMPORTER,
    params: (f) => ({ id: f.sourceId }),
    body: { categories: 'none' },
  },
  // No `source` in the query: an importer gets 400 before anything is written.
  'POST /api/imports': { access: IMPORTER, raw: '[]' },
  'GET /api/imports': { access: IMPORTER },
  'GET /api/imports/:id': { access: IMPORTER, params: (f) => ({ id: f.importId }) },
  // A forum address that is not one: an importer gets 400 before anything is fetched.
  'POST /api/collections': { access: IMPORTER, body: { forumUrl: 'not a forum' } },
  'GET /api/collections': { access: IMPORTER },
  'GET /api/collections/:id': { access: IMPORTER, params: (f) => ({ id: f.collectionId }) },
  'POST /api/collections/:id/cancel': { access: IMPORTER, params: (f) => ({ id: f.collectionId }) },
  // A Hub address that is not one: an importer gets 400 before anything is fetched.
  'POST /api/hub-collections': { access: IMPORTER, body: { hubUrl: 'not a hub' } },
  'GET /api/hub-collections': { access: IMPORTER },
  'POST /api/hub-collections/derive': { access: IMPORTER, body: { dimension: 'model_type' } },
  'GET /api/hub-collections/:id': { access: IMPORTER, params: (f) => ({ id: f.hubCollectionId }) },
  'POST /api/hub-collections/:id/cancel': { access: IMPORTER, params: (f) => ({ id: f.hubCollectionId }) },
  'GET /api/series': { access: SIGNED_IN },
  // A CSV with no rows: an importer gets 400 before anything is written.
  'POST /api/series': {
    access: IMPORTER,
    body: { name: 'Matrix', source: 'test', unit: 'models', fileName: 'x.csv', csv: 'month,n\n' },
  },
  'POST /api/series/compare': { access: SIGNED_IN, body: (f) => ({ left: f.seriesSetId, right: f.seriesSetId }) },
  'GET /api/series/compare.csv': {
    access: SIGNED_IN,
    query: 'left=1&right=1',
  },
  'GET /api/series/:id': { access: SIGNED_IN, params: (f) => ({ id: f.seriesSetId }) },
  'GET /api/series/:id/csv': { access: SIGNED_IN, params: (f) => ({ id: f.seriesSetId }) },
  'DELETE /api/series/:id': { access: IMPORTER, params: (f) => ({ id: f.seriesSetId }) },
  'GET /api/threads': { access: SIGNED_IN },
  'GET /api/threads/facets': { access: SIGNED_IN },
  'GET /api/threads/search-index': { access: SIGNED_IN },
  'GET /api/threads/:id': { access: SIGNED_IN, params: (f) => ({ id: f.threadId }) },
  'GET /api/threads/:id/posts': { access: SIGNED_IN, params: (f) => ({ id: f.threadId }) },
  'GET /api/studies': { access: SIGNED_IN },
  'POST /api/studies': { access: SIGNED_IN, body: { name: 'Another study', templateId: null } },
  'POST /api/qdpx-imports': { access: IMPORTER, body: { qdpx: 'bm90IGEgemlw' } },
  'GET /api/studies/:studyId': { access: MEMBER },
  'PATCH /api/studies/:studyId': { access: OWNER, body: { description: 'Changed' } },
  'GET /api/studies/:studyId/members': { access: MEMBER },
  'POST /api/studies/:studyId/members': { access: OWNER, body: (f) => ({ userId: f.nonMemberId, role: 'coder' }) },
  'DELETE /api/studies/:studyId/members/:userId/:role': {
    access: OWNER,
    params: (f) => ({ userId: f.otherCoderId, role: 'coder' }),
  },
  'GET /api/studies/:studyId/threads': { access: MEMBER },
  'POST /api/studies/:studyId/threads': {
    access: OWNER,
    body: (f) => ({ action: 'add', rule: { kind: 'pick', threadIds: [f.threadId] }, dryRun: true }),
  },
  'GET /api/studies/:studyId/codebook': { access: MEMBER },
  'POST /api/studies/:studyId/codebook': { access: OWNER, body: { source: 'empty' } },
  'GET /api/studies/:studyId/codebook/versions/:version': { access: MEMBER, params: () => ({ version: 1 }) },
  'POST /api/studies/:studyId/codebook/versions': {
    access: OWNER,
    body: { op: 'deprecate', baseVersion: 1, why: 'Matrix', id: 'documentation' },
  },
  'GET /api/studies/:studyId/codebook/diff': { access: MEMBER, query: 'from=1&to=1' },
  'POST /api/studies/:studyId/codebook/upgrade': { access: OWNER, body: { toVersion: 1 } },
  'GET /api/studies/:studyId/codebook/reviews': { access: MEMBER },
  'POST /api/studies/:studyId/codebook/reviews/:reviewId': { access: AUTHOR, body: { codeIds: [] } },
  'GET /api/studies/:studyId/codebook/export': { access: MEMBER, query: 'format=json' },
  'GET /api/studies/:studyId/rounds': { access: MEMBER },
  'POST /api/studies/:studyId/rounds': { access: OWNER, body: { name: 'Second calibration', kind: 'calibration' } },
  'POST /api/studies/:studyId/rounds/:roundId/close': { access: OWNER },
  'POST /api/studies/:studyId/rounds/:roundId/unblind': { access: OWNER },
  'POST /api/studies/:studyId/rounds/:roundId/reopen': { access: OWNER },
  'POST /api/studies/:studyId/rounds/:roundId/adjudicate-finished': { access: ADJUDICATOR },
  'POST /api/studies/:studyId/rounds/:roundId/incomplete': { access: OWNER, body: (f) => ({ toRoundId: f.roundId }) },
  'POST /api/studies/:studyId/label-imports/preview': { access: OWNER, body: { csv: 'post_id,code\n999999,docs\n' } },
  'POST /api/studies/:studyId/label-imports': { access: OWNER, body: { csv: 'post_id,code\n999999,docs\n' } },
  'GET /api/studies/:studyId/progress': { access: MEMBER },
  'GET /api/studies/:studyId/sampling/population': { access: MEMBER },
  'POST /api/studies/:studyId/sampling/draw': {
    access: OWNER,
    body: (f) => ({ roundId: f.roundId, size: 1, seed: 'matrix' }),
  },
  'GET /api/studies/:studyId/sampling/draws/:draw/units': { access: OWNER, params: () => ({ draw: 1 }) },
  'GET /api/studies/:studyId/audit': { access: OWNER },
  'GET /api/studies/:studyId/adjudication': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/adjudication/choices': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/adjudication/final-labels': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/adjudication/waiting': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/adjudication/units/:unitId': {
    access: ADJUDICATOR,
    params: (f) => ({ unitId: f.disputedUnitId }),
  },
  'GET /api/studies/:studyId/adjudication/units/:unitId/posts': {
    access: ADJUDICATOR,
    params: (f) => ({ unitId: f.disputedUnitId }),
  },
  'POST /api/studies/:studyId/adjudication/units/:unitId/settle': {
    access: ADJUDICATOR,
    params: (f) => ({ unitId: f.disputedUnitId }),
    body: settle,
  },
  'POST /api/studies/:studyId/adjudication/units/:unitId/reopen': {
    access: ADJUDICATOR,
    params: (f) => ({ unitId: f.disputedUnitId }),
  },
  'GET /api/studies/:studyId/agreement': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/agreement/disagreements': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/agreement/export': { access: ADJUDICATOR, query: 'format=csv' },
  'GET /api/studies/:studyId/analysis/options': { access: MEMBER },
  // Split: the differential blind check covers the split counts too (they come with the whole counts report).
  'GET /api/studies/:studyId/analysis/counts': { access: ADJUDICATOR, query: 'split=accepted' },
  'GET /api/studies/:studyId/analysis/counts.csv': { access: ADJUDICATOR, query: 'split=staff' },
  'GET /api/studies/:studyId/analysis/trend': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/trend.csv': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/tests.csv': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/cooccurrence': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/cooccurrence.csv': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/terms': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/terms.csv': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/mentions': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/mentions.csv': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/analysis/mention-correlations.csv': { access: ADJUDICATOR },
  'POST /api/studies/:studyId/analysis/keyword-groups': {
    access: OWNER,
    body: { name: 'Tokens', terms: ['tokenizer'] },
  },
  'PUT /api/studies/:studyId/analysis/keyword-groups/:groupId': {
    access: OWNER,
    body: { name: 'Tokens', terms: ['tokenizer', 'vocab'] },
  },
  'DELETE /api/studies/:studyId/analysis/keyword-groups/:groupId': { access: OWNER },
  // A list with no group: the owner gets 400 before anything is written.
  'POST /api/studies/:studyId/mention-trends/keyword-groups/import': {
    access: OWNER,
    body: { text: '# nothing', fileName: 'groups.txt' },
  },
  'POST /api/studies/:studyId/mention-trends/series': { access: OWNER, body: { unit: 'topics' } },
  'GET /api/studies/:studyId/forum/descriptives': { access: MEMBER },
  'POST /api/studies/:studyId/forum/series': { access: OWNER, body: { count: 'topics' } },
  'GET /api/studies/:studyId/forum/descriptives.csv': { access: MEMBER },
  'GET /api/studies/:studyId/exports': { access: MEMBER },
  // Every member downloads codings; each file holds only what the blind rule lets the caller see.
  'GET /api/studies/:studyId/exports/codings': { access: MEMBER },
  'GET /api/studies/:studyId/exports/final': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/exports/counts': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/exports/report': { access: ADJUDICATOR },
  'GET /api/studies/:studyId/exports/qdpx': { access: MEMBER },
  'GET /api/studies/:studyId/rounds/:roundId/my-units': { access: MEMBER },
  'GET /api/studies/:studyId/rounds/:roundId/my-units/summary': { access: MEMBER },
  'GET /api/studies/:studyId/units/:unitId': { access: ASSIGNED },
  'GET /api/studies/:studyId/units/:unitId/posts': { access: ASSIGNED },
  'PUT /api/studies/:studyId/units/:unitId/coding': {
    access: AUTHOR,
    body: { codeIds: ['documentation'], memo: 'saved again' },
  },
  'GET /api/studies/:studyId/suggestions/model': { access: MEMBER },
  'POST /api/studies/:studyId/suggestions/train': { access: OWNER },
  // Final-label counts per code: results, like agreement while the study is blind.
  'GET /api/studies/:studyId/suggestions/evaluation': { access: ADJUDICATOR },
  // The coder has coded the unit, so its suggestions are open to them (and to those who oversee it).
  'GET /api/studies/:studyId/suggestions/units/:unitId': { access: ASSIGNED },
  'POST /api/studies/:studyId/suggestions/units/:unitId/feedback': {
    access: ASSIGNED,
    body: { codeId: 'documentation', decision: 'rejected' },
  },
  'GET /api/studies/:studyId/suggestions/rounds/:roundId/queue': { access: MEMBER, query: 'order=uncertainty' },
  'PUT /api/studies/:studyId/suggestions/rounds/:roundId/assisted': { access: OWNER, body: { assisted: false } },
};
