import { LIMITS, RelayError } from '@otp-relay/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { errorHandler } from './problem.ts';
import type { RelayContext, Route } from './route.ts';
import { bearerToken, isAllowedHost, tokenMatches } from './security.ts';

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

/** Builds the Express app from the route table. The order of the middleware is the security model. */
export function createApp({ ctx, routes, token, hosts, logger, openapi, mounts = {} }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.locals.openapi = openapi;

  // 1. DNS rebinding: the Host must be one of ours, on every request.
  app.use((req, _res, next) => {
    if (!isAllowedHost(hosts, req.headers.host)) throw new RelayError('forbidden_host', 'Host not allowed.');
    next();
  });
  app.use(requestLog(logger));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // 2. The API: token, then JSON bodies only, ≤ 16 KiB.
  app.use('/api', (req, _res, next) => {
    const open = routes.some((r) => r.auth === 'none' && r.path === `/api${req.path}`);
    if (!open && !tokenMatches(bearerToken(req.headers.authorization), token)) {
      throw new RelayError('unauthorized', 'Send the relay token as "Authorization: Bearer <token>".');
    }
    next();
  });
  app.use('/api', (req, _res, next) => {
    if (BODY_METHODS.has(req.method) && hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
      throw new RelayError('unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
    }
    next();
  });
  app.use('/api', express.json({ limit: LIMITS.maxBodyBytes, type: ['application/json', 'application/*+json'] }));

  // 3. The route table.
  const methodsByPath = new Map<string, string[]>();
  for (const r of routes) {
    app[r.method](r.path, handlerOf(r, ctx));
    methodsByPath.set(r.path, [...(methodsByPath.get(r.path) ?? []), r.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    app.all(path, (req, res) => {
      res.setHeader('Allow', methods.join(', '));
      throw new RelayError('method_not_allowed', `${req.method} is not allowed here; use ${methods.join(' or ')}.`);
    });
  }
  for (const [path, router] of Object.entries(mounts)) app.use(path, router);

  // 4. Everything else, and every error, as problem+json.
  app.use((req) => {
    throw new RelayError('not_found', `No route ${req.method} ${req.path}.`);
  });
  app.use(errorHandler(logger));
  return app;
}

function handlerOf(r: Route, ctx: RelayContext) {
  return async (req: Request, res: Response, _next: NextFunction) => {
    if (r.testControl && !ctx.testControls) {
      throw new RelayError('test_controls_disabled', 'Test controls are switched off on this relay.');
    }
    const body = r.body ? parse(r.body, req.body, 'body') : undefined;
    const query = r.query ? parse(r.query, { ...req.query }, 'query') : undefined;
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const signal = AbortSignal.any([gone.signal, ctx.shutdown]);
    const params = req.params as Record<string, string>;
    const result = await Promise.resolve(r.handle({ body, query, params, ctx, signal, req, res })).catch((error) => {
      if (!gone.signal.aborted) throw error;
    });
    if (gone.signal.aborted) {
      // The client went away mid long-poll: nobody to answer, and a half-open socket would hold up shutdown.
      res.destroy();
      return;
    }
    if (res.headersSent) return;
    if (r.status === 204 || result === undefined) {
      res.status(204).end();
      return;
    }
    res.status(r.status ?? 200).json(result);
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
