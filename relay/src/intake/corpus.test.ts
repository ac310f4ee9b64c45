import { describe, expect, it } from 'vitest';
import { analyzeMessage } from './analyze-message.ts';
import { CORPUS, DEFAULT_TTL_MS } from './corpus/index.ts';

const receivedAt = Date.UTC(2026, 11, 1, 12);

describe('the intake corpus', () => {
  it('is large enough to mean something', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(CORPUS.filter((entry) => entry.kind === 'look-alike').length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((entry) => entry.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const result = analyzeMessage(
      { ...entry.input, receivedAt },
      { senderRules: entry.senderRules ?? [], defaultTtlMs: DEFAULT_TTL_MS },
    );
    expect({
      code: result.code,
      site: result.site,
      binding: result.binding,
      ttlMs: result.expiresAt - receivedAt,
    }).toEqual(entry.expected);
  });
});
