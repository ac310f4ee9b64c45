import { createHmac } from 'node:crypto';
import { request } from 'node:https';

/**
 * What pppscn/SmsForwarder's webhook sends for an incoming SMS: a form POST (from, content, timestamp, sign,
 * sign = Base64 HMAC-SHA256 of "timestamp\nsecret", device_mark), over HTTPS to the relay's phone listener,
 * trusting exactly the listener's certificate `ca` (the one the seller allowed in the app). Resolves with the
 * HTTP status the app would see.
 */
export function forwardSms(url: string, ca: string, secret: string, from: string, content: string): Promise<number> {
  const timestamp = String(Date.now());
  const sign = encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
  const body = new URLSearchParams({ from, content, timestamp, sign, device_mark: 'Pixel 8' }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
