import { OriginSchema } from '@otp-relay/shared';
import { z } from 'zod';

/**
 * Which exact origin the codes of a Verify service (or the texts of a sending number) are for: the app under
 * test's own page, so the extension fills it there and nowhere else. A key names a Verify service by SID
 * (`VA…`) or FriendlyName, or a sending number (`+1…`); the default applies to every Verify service no key names.
 */
export interface TwilioOrigins {
  default?: string | undefined;
  byKey?: Readonly<Record<string, string>> | undefined;
}

/** `twilio.json` in the config directory: `{"origins": {"My App": "http://localhost:3000"}}`. */
export const TwilioConfigFileSchema = z.strictObject({
  origin: OriginSchema.optional(),
  origins: z.record(z.string().min(1).max(200), OriginSchema).optional(),
});
export type TwilioConfigFile = z.infer<typeof TwilioConfigFileSchema>;

/** `--twilio-origin` values: `http://localhost:3000` (the default) or `KEY=http://localhost:3000`. */
export function parseTwilioOrigins(values: readonly string[]): TwilioOrigins {
  const byKey: Record<string, string> = {};
  let fallback: string | undefined;
  for (const value of values) {
    const split = /^([^=]+)=(.+)$/.exec(value);
    const [key, origin] = split === null ? [undefined, value] : [split[1]?.trim(), split[2]?.trim() ?? ''];
    if (!OriginSchema.safeParse(origin).success) {
      throw new Error(`--twilio-origin: "${origin}" is not an origin like http://localhost:3000 (scheme, host, port).`);
    }
    if (key === undefined) fallback = origin;
    else byKey[key] = origin;
  }
  return { ...(fallback === undefined ? {} : { default: fallback }), byKey };
}

/** Flags win over the config file, key by key. */
export function mergeTwilioOrigins(file: TwilioConfigFile | undefined, flags: TwilioOrigins): TwilioOrigins {
  const fallback = flags.default ?? file?.origin;
  return {
    ...(fallback === undefined ? {} : { default: fallback }),
    byKey: { ...file?.origins, ...flags.byKey },
  };
}

export function originFor(origins: TwilioOrigins, ...keys: (string | undefined)[]): string | undefined {
  for (const key of keys) {
    const origin = key === undefined ? undefined : origins.byKey?.[key];
    if (origin !== undefined) return origin;
  }
  return origins.default;
}
