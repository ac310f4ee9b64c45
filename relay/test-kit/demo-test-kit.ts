import { randomBytes, randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type CheckByDestinationRequest,
  type CheckResult,
  type CreateVerificationRequest,
  LIMITS,
  RelayError,
  type Verification,
} from '@otp-relay/shared';
import express from 'express';
import { createDemoRouter, type DemoOptions } from '../src/demo/router.ts';
import type { VerificationService } from '../src/service.ts';

type StoredVerification = Verification & { code: string | null; ttlMs: number };

/**
 * An in-memory VerificationService with the relay's rules (5 attempts, 30 s resend cooldown, 5 sends per
 * destination per 10 min, only pending verifications accept checks or resends), so the demo's backend is tested
 * against the contract of relay/src/service.ts without the rest of the relay. It remembers every code it issued
 * so tests can type the right one and prove no response ever carried it.
 */
export class FakeVerificationService implements VerificationService {
  clock = Date.parse('2026-03-01T09:00:00.000Z');
  readonly issued: string[] = [];
  /** Every create call's verification, in order. */
  readonly created: Verification[] = [];
  /** The next create or resend throws this instead of sending (a chaos `fail` rule). */
  failNextDelivery = false;
  readonly #records = new Map<string, StoredVerification>();
  readonly #sends = new Map<string, number[]>();

  codeOf(id: string): string {
    const code = this.#records.get(id)?.code;
    if (!code) throw new Error(`no live code for ${id}`);
    return code;
  }

  create(input: CreateVerificationRequest): Verification {
    this.#assertSendAllowed(input.to);
    const ttlMs = (input.ttlSeconds ?? LIMITS.ttlSeconds.default) * 1000;
    const at = this.#iso(this.clock);
    const codeLength = input.codeLength ?? LIMITS.codeLength.default;
    const record: StoredVerification = {
      id: `VE${randomBytes(16).toString('hex')}`,
      to: input.to,
      channel: input.channel,
      purpose: input.purpose,
      origin: input.origin,
      status: 'pending',
      codeLength,
      attemptsRemaining: LIMITS.maxAttempts,
      sendCount: 1,
      createdAt: at,
      updatedAt: at,
      expiresAt: this.#iso(this.clock + ttlMs),
      resendAvailableAt: this.#iso(this.clock + LIMITS.resendCooldownSeconds * 1000),
      code: this.#issue(codeLength),
      ttlMs,
    };
    this.#records.set(record.id, record);
    this.created.push(this.get(record.id));
    return this.get(record.id);
  }

  get(id: string): Verification {
    const { code: _code, ttlMs: _ttl, ...verification } = this.#find(id);
    return { ...verification };
  }

  check(id: string, code: string): CheckResult {
    const record = this.#find(id);
    if (record.status !== 'pending' || record.code === null) {
      return { valid: false, status: record.status, attemptsRemaining: record.attemptsRemaining };
    }
    if (code === record.code) {
      Object.assign(record, { status: 'approved', code: null });
      return { valid: true, status: 'approved', attemptsRemaining: record.attemptsRemaining };
    }
    record.attemptsRemaining -= 1;
    if (record.attemptsRemaining === 0) Object.assign(record, { status: 'max_attempts_reached', code: null });
    return { valid: false, status: record.status, attemptsRemaining: record.attemptsRemaining };
  }

  checkByDestination(_input: CheckByDestinationRequest): CheckResult {
    throw new Error('the demo checks by id');
  }

  resend(id: string): Verification {
    const record = this.#find(id);
    if (record.status !== 'pending') {
      throw new RelayError('verification_not_found', `Verification ${id} is ${record.status}; start a new one.`);
    }
    const wait = Date.parse(record.resendAvailableAt) - this.clock;
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      throw new RelayError('resend_cooldown', `Wait ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
    this.#assertSendAllowed(record.to);
    record.code = this.#issue(record.codeLength);
    record.sendCount += 1;
    record.updatedAt = this.#iso(this.clock);
    record.expiresAt = this.#iso(this.clock + record.ttlMs);
    record.resendAvailableAt = this.#iso(this.clock + LIMITS.resendCooldownSeconds * 1000);
    return this.get(id);
  }

  cancel(id: string): Verification {
    const record = this.#find(id);
    if (record.status === 'pending') Object.assign(record, { status: 'canceled', code: null });
    return this.get(id);
  }

  #find(id: string) {
    const record = this.#records.get(id);
    if (!record) throw new RelayError('verification_not_found', `No verification ${id}.`);
    // Expiry is exact on the service's own clock, like the relay's scheduler.
    if (record.status === 'pending' && this.clock >= Date.parse(record.expiresAt)) {
      Object.assign(record, { status: 'expired', code: null });
    }
    return record;
  }

  #assertSendAllowed(to: string): void {
    const windowStart = this.clock - LIMITS.sendWindowSeconds * 1000;
    const sends = (this.#sends.get(to) ?? []).filter((at) => at > windowStart);
    if (sends.length >= LIMITS.sendsPerWindow) {
      throw new RelayError('send_limit_reached', 'Too many codes.', {
        retryAfterSeconds: Math.ceil(((sends[0] ?? 0) - windowStart) / 1000),
      });
    }
    if (this.failNextDelivery) {
      this.failNextDelivery = false;
      throw new RelayError('delivery_failed', 'The sms provider refused the message (chaos rule).');
    }
    this.#sends.set(to, [...sends, this.clock]);
  }

  #issue(length: number): string {
    const code = Array.from({ length }, () => randomInt(10)).join('');
    this.issued.push(code);
    return code;
  }

  #iso(ms: number): string {
    return new Date(ms).toISOString();
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  body: any;
  text: string;
}

/** A real express app with the demo mounted at /demo on port 0, and a tiny client that records every answer. */
export async function startDemo(options: Omit<DemoOptions, 'service' | 'now'> = {}) {
  const service = new FakeVerificationService();
  const app = express();
  app.use('/demo', createDemoRouter({ service, now: () => service.clock, ...options }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const answers: Answer[] = [];

  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(origin + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    const answer = { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text, text };
    answers.push(answer);
    return answer;
  }

  return {
    service,
    origin,
    answers,
    get: (path: string) => request('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
