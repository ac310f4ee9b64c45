import { z } from 'zod';

/** The forwarder apps the phone listener speaks to, by the name `POST /api/v1/phones {app}` takes. */
export const PHONE_APPS = [
  'smsforwarder',
  'income-sms-gateway',
  'android-sms-gateway',
  'httpsms',
  'shortcuts',
] as const;
export const PhoneAppSchema = z.enum(PHONE_APPS);
export type PhoneApp = z.infer<typeof PhoneAppSchema>;

/** What each app is called in its store listing, for a person choosing one. */
export const PHONE_APP_NAMES: Record<PhoneApp, string> = {
  smsforwarder: 'SmsForwarder (Android)',
  'income-sms-gateway': 'Incoming SMS to URL forwarder (Android)',
  'android-sms-gateway': 'SMS Gateway for Android',
  httpsms: 'httpSMS',
  shortcuts: 'iOS Shortcuts (or any app posting JSON)',
};

export const PhoneIdSchema = z.string().regex(/^PH[0-9a-f]{16}$/);

export const AddPhoneRequestSchema = z.strictObject({
  app: PhoneAppSchema,
  name: z.string().trim().min(1).max(80),
});
export type AddPhoneRequest = z.infer<typeof AddPhoneRequestSchema>;

/** A phone as listed: never its secret (that is shown once, when it is added). */
export const PhoneSchema = z.object({
  id: PhoneIdSchema,
  app: PhoneAppSchema,
  name: z.string(),
  /** The exact webhook URL to paste into the app; null while the phone listener is off (--phone-port). */
  url: z.string().nullable(),
  createdAt: z.string(),
});
export type Phone = z.infer<typeof PhoneSchema>;
export const AddedPhoneSchema = PhoneSchema.extend({ secret: z.string() });
export type AddedPhone = z.infer<typeof AddedPhoneSchema>;
export const PhoneListSchema = z.object({ phones: z.array(PhoneSchema) });

/**
 * GET /api/v1/phones/:id/qr: the phone's webhook URL and a QR code of it (an SVG document) to scan with the
 * phone, as the CLI prints it in the terminal. The URL only: the secret is never in it (shown once, on add).
 */
export const PhoneQrSchema = z.object({ url: z.string(), svg: z.string().startsWith('<svg') });
export type PhoneQr = z.infer<typeof PhoneQrSchema>;

/** What the seller does on the phone, app by app: the same steps for the CLI and the options page. */
export function phoneSetupSteps(app: PhoneApp, url: string, secret: string): string[] {
  switch (app) {
    case 'smsforwarder':
      return [
        'SmsForwarder → Senders → + → Webhook.',
        `Webhook URL: ${url}  (method POST, no template: the app sends from, content, timestamp and sign).`,
        `Secret: ${secret}`,
        'Rules → + → SMS, match all → this sender. Tap Test.',
      ];
    case 'income-sms-gateway':
      return [
        'Incoming SMS to URL forwarder → + (new forwarding config), sender "*".',
        `URL: ${url}`,
        'Keep the default JSON template (from, text, sentStamp, receivedStamp, sim).',
        `Advanced → "Sign with HMAC-SHA-256" on, secret: ${secret}`,
        'Save, then press Test.',
      ];
    case 'android-sms-gateway':
      return [
        'SMS Gateway for Android → Settings → Webhooks → Signing key:',
        `  ${secret}`,
        `Register the webhook (event sms:received, URL ${url}), e.g. from the Local server API:`,
        `  curl -u <user>:<pass> -X POST http://<phone>:8080/webhooks -H 'content-type: application/json' -d '{"event":"sms:received","url":"${url}"}'`,
        'The app only accepts HTTPS (or http://127.0.0.1) unless you run its insecure build.',
      ];
    case 'httpsms':
      return [
        'httpsms.com → Settings → Webhooks → Add webhook.',
        `Callback URL: ${url}`,
        `Signing key: ${secret}`,
        'Events: message.phone.received. The relay must be reachable from the httpSMS server.',
      ];
    case 'shortcuts':
      return [
        'Shortcuts → Automation → + → Message → "Message contains" (or any sender) → Run immediately.',
        `Action "Get contents of URL": ${url}, method POST, Request Body JSON:`,
        '  from = Sender, text = Message, receivedAt (optional, ISO date).',
        `Header Authorization = Bearer ${secret}`,
      ];
  }
}
