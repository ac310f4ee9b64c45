import type { PhoneApp } from './phone-apps.ts';

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
