import { Router } from 'express';
import type { VerificationService } from '../service.ts';

export interface DemoOptions {
  service: VerificationService;
  /** The relay's clock in ms (may be a test clock), so pages count down against the relay's time. */
  now: () => number;
}

/** The demo seller center, mounted by the relay at /demo. (Seam: the full demo lands with the tester-flows issue.) */
export function createDemoRouter(_options: DemoOptions): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><title>otp-relay demo</title><p>The demo seller center is being built.</p>');
  });
  return router;
}
