import { LIMITS, RelayError } from '@otp-relay/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { errorHandler } from '../../relay/src/http/problem.ts';
import type { RelayContext, Route } from '../../relay/src/http/route.ts';
import { bearerToken, isAllowedHost, tokenMatches } from '../../relay/src/http/security.ts';

/*
 * A PROTOTYPE of candidate changes to relay/src/http/create-app.ts, used only to measure them (figure
 * 1's before/after). Same routes, same checks, same order; three changes:
 * 1. the API is one express.Router mounted once at /api, with ONE middleware doing token + media-type
 *    checks, then express.json (the relay stacks three app.use('/api', …) layers, each re-matching the
 *    prefix and trimming/restoring req.url);
 * 2. the AbortSignal a handler may use is built on first use (only the long poll uses it), not per request;
 * 3. Host check and security headers in one middleware, the request log only when debug logging is on.
 */

interface AppOptions {
  ctx: RelayContext;
  routes: readonly Route[];
  token: string;
  hosts: ReadonlySet<string>;
  logger: Logger;
  openapi: object;
  mounts?: Record<string, express.Router>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json', 'application/*+json'];

export function createTunedApp({ ctx, routes, token, hosts, logger, openapi, mounts = {} }: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.locals.openapi = openapi;

  app.use((req, res, next) => {
    if (!isAllowedHost(hosts, req.headers.host)) throw new RelayError('forbidden_host', 'Host not allowed.');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  if (logger.isLevelEnabled('debug')) app.use(requestLog(logger));

  const open = new Set(routes.filter((r) => r.auth === 'none').map((r) => r.path));
  const api = express.Router();
  api.use((req, _res, next) => {
    if (!open.has(`/api${req.path}`) && !tokenMatches(bearerToken(req.headers.authorization), token)) {
      throw new RelayError('unauthorized', 'Send the relay token as "Authorization: Bearer <token>".');
    }
    if (BODY_METHODS.has(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      throw new RelayError('unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
    }
    next();
  });
  api.use(express.json({ limit: LIMITS.maxBodyBytes, type: JSON_TYPES }));

  const methodsByPath = new Map<string, string[]>();
  for (const r of routes) {
    const onApi = r.path.startsWith('/api/');
    (onApi ? api : app)[r.method](onApi ? r.path.slice(4) : r.path, handlerOf(r, ctx));
    methodsByPath.set(r.path, [...(methodsByPath.get(r.path) ?? []), r.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    const onApi = path.startsWith('/api/');
    (onApi ? api : app).all(onApi ? path.slice(4) : path, (req: Request, res: Response) => {
      res.setHeader('Allow', methods.join(', '));
      throw new RelayError('method_not_allowed', `${req.method} is not allowed here; use ${methods.join(' or ')}.`);
    });
  }
  app.use('/api', api);
  for (const [path, router] of Object.entries(mounts)) app.use(path, router);
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

type ZodFailure = Parameters<typeof RelayError.fromZod>[0];
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodFailure };
}

function parse<T>(schema: Schema<T>, value: unknown, where: string): T {
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
      logger.debug(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: performance.now() - started,
        },
        'request',
      );
    });
    next();
  };
}
