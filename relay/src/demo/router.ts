import { LIMITS, RelayError } from '@otp-relay/shared';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { VerificationService } from '../service.ts';
import { renderDemoError, requireJson, requireSameOrigin } from './api-errors.ts';
import { createFlowApi } from './flow-api.ts';
import { createPageAssets } from './page-assets.ts';
import { confirmPage, homePage, loginPage, signupPage } from './pages.ts';
import { createRateLimit } from './rate-limit.ts';
import { createTwoStepApi } from './two-step-api.ts';

export interface DemoOptions {
  service: VerificationService;
  /** The relay's clock in ms (may be a test clock), so pages count down against the relay's time. */
  now: () => number;
  /** How many demo flows to keep in memory before the oldest goes, its code canceled (default 1000). */
  maxFlows?: number;
  /**
   * The demo's one global pace for everything that sends a code or makes a secret (default a burst of 30, then
   * 30 a minute): the demo has no token by design, so this is what bounds what a loop of requests can create.
   */
  rateLimit?: { burst?: number; perMinute?: number };
  /** How many two-step setups (each a secret) to keep before the oldest goes (default 200). */
  maxTwoStepSetups?: number;
}

export const DEMO_RATE_LIMIT = { burst: 30, perMinute: 30 } as const;

/** Page scripts and styles are our own files only: no inline script, no inline handlers, no third parties. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The demo seller center, mounted by the relay at /demo. Its API is the shop's own backend: it calls the
 * verification service in-process, so the browser never holds the relay token and never sees a code.
 *
 * | route                          | what it does                                              |
 * |--------------------------------|-----------------------------------------------------------|
 * | GET  /                         | home: the flows                                            |
 * | GET  /signup?channel=sms|email | account setup: verify a phone or email (single code input) |
 * | GET  /login                    | log in from a new device (email + password, then a code)   |
 * | GET  /confirm?action=payout|settings&channel= | confirm a payout or a settings change (split boxes) |
 * | GET  /two-step                 | turn on two-step verification: QR code, key (a new secret)  |
 * | GET  /assets/:file             | the pages' CSS and scripts (assets/*.ts compiled to .js)   |
 * | POST /api/flows                | {flow, channel, to, ...} → 201 flow view, code sent        |
 * | GET  /api/flows/:id            | the flow view on the relay's clock (pages poll it)         |
 * | POST /api/flows/:id/verify     | {code} → view with state success / wrong / expired / locked |
 * | POST /api/flows/:id/resend     | new code (or a new verification once the old one is dead)  |
 * | POST /api/flows/:id/cancel     | the visitor went back to edit the destination              |
 * | POST /api/two-step/:id/verify  | {code} → {state: success / wrong / locked, message}         |
 */
export function createDemoRouter({ service, now, maxFlows, rateLimit, maxTwoStepSetups }: DemoOptions): Router {
  const router = Router();
  const pace = createRateLimit({ ...DEMO_RATE_LIMIT, ...rateLimit });
  const api = createFlowApi({ service, now, maxFlows, sends: pace });
  const twoStep = createTwoStepApi({ now, maxSetups: maxTwoStepSetups, pace });
  const assets = createPageAssets();

  const page = (render: (base: string, req: Request) => string) => (req: Request, res: Response) => {
    setPageHeaders(res);
    res.type('html').send(render(req.baseUrl, req));
  };

  router.use(noSniff);
  router.get('/', page(homePage));
  router.get(
    '/signup',
    page((base, req) => signupPage(base, req.query.channel === 'email' ? 'email' : 'sms')),
  );
  router.get('/login', page(loginPage));
  router.get(
    '/confirm',
    page((base, req) =>
      confirmPage(
        base,
        req.query.action === 'settings' ? 'settings' : 'payout',
        req.query.channel === 'email' ? 'email' : 'sms',
      ),
    ),
  );
  router.get('/two-step', (req, res) => {
    setPageHeaders(res);
    return twoStep.page(req, res);
  });
  router.get('/assets/:file', async (req, res, next) => {
    const asset = await assets.get(req.params.file);
    if (!asset) return next();
    res.set('Cache-Control', 'no-cache').type(asset.type).send(asset.body);
  });

  const apiRouter = Router();
  apiRouter.use(requireSameOrigin, requireJson, express.json({ limit: LIMITS.maxBodyBytes }));
  apiRouter.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  apiRouter.post('/flows', api.start);
  apiRouter.get('/flows/:id', api.show);
  apiRouter.post('/flows/:id/verify', api.verify);
  apiRouter.post('/flows/:id/resend', api.resend);
  apiRouter.post('/flows/:id/cancel', api.cancel);
  apiRouter.post('/two-step/:id/verify', twoStep.verify);
  apiRouter.use(notFound);
  apiRouter.use(renderDemoError);
  router.use('/api', apiRouter);

  return router;
}

/** Pages carry secrets (a two-step key) and state: never cached, never named to another site. */
function setPageHeaders(res: Response): void {
  res.set({ 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
}

function noSniff(_req: Request, res: Response, next: NextFunction): void {
  res.set('X-Content-Type-Options', 'nosniff');
  next();
}

function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new RelayError('not_found', `No demo API route ${req.method} ${req.path}.`));
}
