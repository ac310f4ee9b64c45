import { LIMITS, PROOF_HEADER, RelayError } from '@otp-relay/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { errorHandler } from './problem.ts';
import { Answer, type RelayContext, type Route } from './route.ts';
import { badTarget, bearerToken, FRAME_ANCESTORS, isAllowedHost, isOriginForm, tokenChecker } from './security.ts';
import { parseSessionHeader, SessionAuth, type SessionHeader } from './session-auth.ts';

export interface AppOptions {
  ctx: RelayContext;
  routes: readonly Route[];
  token: string;
  /** Filled in once the port is known. */
  hosts: ReadonlySet<string>;
  logger: Logger;
  openapi: object;
  /** Extra routers (the demo seller center) by mount path. */
  mounts?: Record<string, express.Router>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Builds the Express app from the route table. The order of the middleware is the security model.
 * Per request it does each check once and nothing else (bench figure 1, relay vs bare node:http): one layer for
 * Host and headers, one /api router whose first layer checks token and media type, one JSON parse; the
 * request log and a handler's AbortSignal only exist when they are used.
 */
export function createApp({ ctx, routes, token, hosts, logger, openapi, mounts = {} }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.locals.openapi = openapi;
  const sessions = new SessionAuth(token);
  app.locals.sessions = sessions;

  // 0. A request signed in a session gets the relay's proof on its answer, whatever the answer (a refusal
  // too): the client uses nothing from an answer without it, so nothing a squatter on the port says counts.
  app.use((req, res, next) => {
    const session = parseSessionHeader(req.headers.authorization);
    if (session !== null) {
      res.locals.session = session;
      proveAnswers(res, sessions, session);
    }
    next();
  });

  // 1. DNS rebinding: the Host must be one of ours, on every request; and the target a path, never an absolute
  // URL (`GET http://evil.example/healthz`), which a proxy-minded client could aim at us with our own Host.
  // Framing headers go first, so refusals carry them too: no page may frame anything the relay serves
  // (the demo replaces the CSP with its own, which keeps frame-ancestors 'none').
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', FRAME_ANCESTORS);
    if (!isOriginForm(req.url)) throw badTarget();
    if (!isAllowedHost(hosts, req.headers.host)) throw new RelayError('forbidden_host', 'Host not allowed.');
    next();
  });
  if (logger.isLevelEnabled('debug')) app.use(requestLog(logger));

  // 2. The API: token, then JSON bodies only, ≤ 16 KiB.
  const open = new Set(routes.filter((r) => r.auth === 'none').map((r) => r.path));
  const tokenMatches = tokenChecker(token);
  const api = express.Router();
  api.use((req, res, next) => {
    const session = res.locals.session as SessionHeader | undefined;
    // A session's signature covers the body, so it is checked once the body is read (below).
    const signed = session !== undefined && sessions.issuedHere(session);
    if (!open.has(`/api${req.path}`) && !signed && !tokenMatches(bearerToken(req.headers.authorization))) {
      throw new RelayError(
        'unauthorized',
        'Sign the request in a session (POST /api/v1/session; docs/security.md), or send "Authorization: Bearer <token>".',
      );
    }
    if (BODY_METHODS.has(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      throw new RelayError('unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
    }
    next();
  });
  // One parser per body limit: a route may allow more (POST /inbound: whole emails), every other keeps 16 KiB.
  const json = express.json({ limit: LIMITS.maxBodyBytes, type: JSON_TYPES, verify: keepRawBody });
  const largerJson = new Map(
    routes
      .filter((r) => r.maxBodyBytes !== undefined && r.path.startsWith('/api/'))
      .map((r) => [local(r.path), express.json({ limit: r.maxBodyBytes, type: JSON_TYPES, verify: keepRawBody })]),
  );
  api.use((req, res, next) => (largerJson.get(req.path) ?? json)(req, res, next));
  api.use((req, res, next) => {
    const session = res.locals.session as SessionHeader | undefined;
    if (session === undefined || open.has(`/api${req.path}`) || tokenMatches(bearerToken(req.headers.authorization))) {
      return next();
    }
    const raw = (req as { rawBody?: Buffer }).rawBody ?? EMPTY;
    if (!sessions.requestValid(session, req.method, req.originalUrl, raw)) {
      throw new RelayError('unauthorized', 'The request signature does not match its session (docs/security.md).');
    }
    next();
  });

  // 3. The route table (API rows on the /api router, the rest on the app).
  const methodsByPath = new Map<string, string[]>();
  for (const r of routes) {
    on(r.path)[r.method](local(r.path), handlerOf(r, ctx));
    methodsByPath.set(r.path, [...(methodsByPath.get(r.path) ?? []), r.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    on(path).all(local(path), (req: Request, res: Response) => {
      res.setHeader('Allow', methods.join(', '));
      throw new RelayError('method_not_allowed', `${req.method} is not allowed here; use ${methods.join(' or ')}.`);
    });
  }
  app.use('/api', api);
  for (const [path, router] of Object.entries(mounts)) app.use(path, router);

  // 4. Everything else, and every error, as problem+json.
  app.use((req) => {
    throw new RelayError('not_found', `No route ${req.method} ${req.path}.`);
  });
  app.use(errorHandler(logger));
  return app;

  function on(path: string): express.Router {
    return path.startsWith('/api/') ? api : app;
  }
}

const EMPTY = Buffer.alloc(0);

function keepRawBody(req: unknown, _res: unknown, buf: Buffer): void {
  (req as { rawBody?: Buffer }).rawBody = buf;
}

/** Puts the relay's proof on the answer as it is sent (every answer here is one `end` with its whole body). */
function proveAnswers(res: Response, sessions: SessionAuth, session: SessionHeader): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const [chunk, encoding] = args;
    if (!res.headersSent) {
      const body =
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : chunk instanceof Uint8Array
            ? chunk
            : EMPTY;
      res.setHeader(PROOF_HEADER, sessions.answerProof(session, res.statusCode, Buffer.from(body)));
    }
    return end(...args);
  }) as Response['end'];
}

/** A route's path as its router sees it (the /api router is mounted at /api). */
function local(path: string): string {
  return path.startsWith('/api/') ? path.slice('/api'.length) : path;
}

function handlerOf(r: Route, ctx: RelayContext) {
  return async (req: Request, res: Response, _next: NextFunction) => {
    if (r.testControl && !ctx.testControls) {
      throw new RelayError('test_controls_disabled', 'Test controls are switched off on this relay.');
    }
    const body = r.body ? parse(r.body, req.body, 'body') : undefined;
    const query = r.query ? parse(r.query, { ...req.query }, 'query') : undefined;
    // Built on first use: only the long poll waits, and an AbortSignal.any per request is not free.
    let gone: AbortController | undefined;
    let signal: AbortSignal | undefined;
    const input = {
      body,
      query,
      params: req.params as Record<string, string>,
      ctx,
      req,
      res,
      get signal(): AbortSignal {
        if (signal === undefined) {
          const controller = new AbortController();
          gone = controller;
          res.on('close', () => {
            if (!res.writableFinished) controller.abort();
          });
          signal = AbortSignal.any([controller.signal, ctx.shutdown]);
        }
        return signal;
      },
    };
    const result = await Promise.resolve(r.handle(input)).catch((error) => {
      if (!gone?.signal.aborted) throw error;
    });
    if (gone?.signal.aborted) {
      // The client went away mid long-poll: nobody to answer, and a half-open socket would hold up shutdown.
      res.destroy();
      return;
    }
    if (res.headersSent) return;
    if (r.status === 204 || result === undefined) {
      res.status(204).end();
      return;
    }
    // What res.json would send (no replacer, spaces or ETag are configured), without its generic helpers.
    // Content-Length set here too, so a HEAD answer names it as Express did (Node omits it there).
    const answer = result instanceof Answer ? result : undefined;
    const json = JSON.stringify(answer === undefined ? result : answer.body);
    res.statusCode = answer?.status ?? r.status ?? 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(json));
    res.end(json);
  };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw RelayError.fromZod(result.error, where);
  return result.data;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => {
      // The path only: bodies and query strings are never logged, so neither codes nor tokens can leak here.
      logger.debug(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  };
}
