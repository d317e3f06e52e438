import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { imageSources } from './http/forum-images.ts';
import { loadSession } from './auth/middleware.ts';
import type { Config } from './config.ts';
import type { Db } from './db/open.ts';
import type { AppEnv } from './http/env.ts';
import { declaredBodyLimit, JSON_BODY_LIMIT } from './http/body-reader.ts';
import { compressJson } from './http/compress-json.ts';
import { errorBody } from './http/errors.ts';
import { onError } from './http/on-error.ts';
import { originCheck } from './http/origin-check.ts';
import { jsonLog, requestLog, type LogLine } from './http/request-log.ts';
import { adjudicationRoutes } from './routes/adjudication.ts';
import { auditRoutes } from './routes/audit.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { agreementRoutes } from './routes/agreement.ts';
import { authRoutes } from './routes/auth.ts';
import { exportRoutes } from './routes/exports.ts';
import { forumRoutes } from './routes/forum.ts';
import { healthRoutes } from './routes/health.ts';
import { hubRoutes } from './routes/hub.ts';
import { importRoutes } from './routes/imports.ts';
import { mentionTrendRoutes } from './routes/mention-trends.ts';
import { selectionRoutes } from './routes/selection.ts';
import { seriesRoutes } from './routes/series.ts';
import { sourceRoutes } from './routes/sources.ts';
import { threadRoutes } from './routes/threads.ts';
import { codebookRoutes } from './routes/codebooks.ts';
import { codingRoutes } from './routes/coding.ts';
import { collectRoutes } from './routes/collect.ts';
import { progressRoutes, roundRoutes } from './routes/rounds.ts';
import { sampleSizeRoutes, samplingRoutes } from './routes/sampling.ts';
import { studyRoutes } from './routes/studies.ts';
import { labelImportRoutes } from './routes/label-imports.ts';
import { qdpxImportRoutes } from './routes/qdpx-imports.ts';
import { suggestionRoutes } from './routes/suggestions.ts';
import { templateRoutes } from './routes/templates.ts';
import { userRoutes } from './routes/users.ts';
import { createTaskPool } from './workers/task-pool.ts';
import { WORKER_MEMORY } from './workers/worker-memory.ts';
import { type AppTasks, tasks as appTasks, tasksUrl } from './workers/tasks.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  log?: LogLine;
  /** Worker threads for heavy, rare work (workers/); made from config.workers unless given. The caller closes it. */
  tasks?: AppTasks;
}

// File uploads go to /api/imports, which streams them with its own limit; JSON bodies are read by validate('json').
const jsonBodyLimit = declaredBodyLimit(JSON_BODY_LIMIT);

/** Builds the API: shared middleware, then one router per area. */
export function createApp({ db, config, log = jsonLog, tasks = defaultTasks(db, config) }: AppDeps) {
  const app = new Hono<AppEnv>();
  app.onError(onError(log));
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.use('*', requestLog(log));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: imageSources(config.images),
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      xFrameOptions: 'DENY', // as frame-ancestors 'none', for browsers that ignore CSP
    }),
  );
  app.use('/api/*', compressJson); // the web app's own files are compressed at build time (http/web-app.ts)
  app.use('/api/*', originCheck(config.allowedOrigins));
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/imports') ? next() : jsonBodyLimit(c, next)));
  app.use('/api/*', loadSession(db));

  return app
    .route('/api/health', healthRoutes(db))
    .route('/api/auth', authRoutes(db, config))
    .route('/api/users', userRoutes(db))
    .route('/api/sample-size', sampleSizeRoutes())
    .route('/api/templates', templateRoutes())
    .route('/api/sources', sourceRoutes(db, config))
    .route('/api/imports', importRoutes(db, config))
    .route('/api/collections', collectRoutes(db))
    .route('/api/series', seriesRoutes(db))
    .route('/api/hub-collections', hubRoutes(db))
    .route('/api/threads', threadRoutes(db, config.threadCountCap))
    .route('/api/studies', studyRoutes(db))
    .route('/api/qdpx-imports', qdpxImportRoutes(db))
    .route('/api/studies/:studyId/threads', selectionRoutes(db, config.threadCountCap))
    .route('/api/studies/:studyId/codebook', codebookRoutes(db))
    .route('/api/studies/:studyId/rounds', roundRoutes(db))
    .route('/api/studies/:studyId/progress', progressRoutes(db))
    .route('/api/studies/:studyId/sampling', samplingRoutes(db, tasks))
    .route('/api/studies/:studyId/audit', auditRoutes(db))
    .route('/api/studies/:studyId/adjudication', adjudicationRoutes(db))
    .route('/api/studies/:studyId/agreement', agreementRoutes(db, tasks))
    .route('/api/studies/:studyId/analysis', analysisRoutes(db, tasks))
    .route('/api/studies/:studyId/mention-trends', mentionTrendRoutes(db, tasks))
    .route('/api/studies/:studyId/forum', forumRoutes(db))
    .route('/api/studies/:studyId/exports', exportRoutes(db, tasks))
    .route('/api/studies/:studyId/suggestions', suggestionRoutes(db))
    .route('/api/studies/:studyId/label-imports', labelImportRoutes(db))
    .route('/api/studies/:studyId', codingRoutes(db));
}

/** The task pool of config.workers threads; its idle workers never keep the process alive. */
export function defaultTasks(db: Db, config: Config): AppTasks {
  return createTaskPool({
    registry: appTasks,
    registryUrl: tasksUrl,
    db,
    size: config.workers,
    timeoutMs: config.workerTimeoutMs,
    ...WORKER_MEMORY,
  });
}

export type AppType = ReturnType<typeof createApp>;
