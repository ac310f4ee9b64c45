import { ProblemSchema, StreamEventSchema } from '@otp-relay/shared';
import { z } from 'zod';
import type { Route } from './route.ts';

type JsonSchema = Record<string, unknown>;

/*
 * The OpenAPI 3.1 document of the route table, generated from the same zod schemas the relay parses with.
 * z.toJSONSchema rather than zod-openapi: zod-openapi resolves its own zod 3.25 copy, whose v4 core reads our
 * zod 4.6 schemas only partly (integers became numbers, formats and bounds vanished).
 */
export function createOpenApiDocument(routes: readonly Route[], version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if (r.path === '/') continue;
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...r.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(r.query ? queryParameters(jsonSchema(r.query, 'input')) : []),
    ];
    const success = String(r.status ?? 200);
    paths[path] = {
      ...paths[path],
      [r.method]: {
        summary: r.summary,
        security: r.auth === 'token' ? [{ bearer: [] }] : [],
        ...(r.testControl ? { tags: ['test controls'] } : {}),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(r.body
          ? { requestBody: { content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }
          : {}),
        responses: {
          [success]: r.response
            ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
            : { description: success === '204' ? 'Done' : 'OK' },
          ...Object.fromEntries(
            Object.entries(r.alsoAnswers ?? {}).map(([status, description]) => [
              status,
              r.response
                ? { description, content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
                : { description },
            ]),
          ),
          default: {
            description: 'Problem (RFC 9457)',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'otp-relay',
      version,
      description:
        'A local verification-code relay. The live stream is a WebSocket at /api/v1/stream (subprotocols ' +
        '`otp-relay.v1` and `otp-relay.nonce.<hex>`: the relay proves the token on the nonce in a `challenge` ' +
        'frame, the client answers `prove`; legacy clients may send `otp-relay.token.<token>` instead); its ' +
        'frames are the `StreamEvent` schema. See docs/security.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output'), StreamEvent: jsonSchema(StreamEventSchema, 'output') },
    },
    paths,
  };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return rest;
}

function queryParameters(schema: JsonSchema): object[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}
