import RequestClient from 'twilio/lib/base/RequestClient.js';

/** Twilio's API hosts the SDK calls (with an edge/region: `verify.sydney.au1.twilio.com`, …). */
const TWILIO_HOST = /^(?:[a-z0-9-]+\.)*twilio\.com$/i;

/**
 * The official `twilio` SDK's documented custom http client, pointed at an otp-relay: every request for
 * `https://verify.twilio.com/<path>` or `https://api.twilio.com/<path>` goes to `<relay>/twilio/<path>`
 * instead, so an app under test changes one line:
 *
 *   twilio(accountSid, authToken, { httpClient: new RelayRequestClient('http://127.0.0.1:8787') })
 */
export class RelayRequestClient extends RequestClient {
  readonly relayUrl: string;

  constructor(relayUrl: string, options?: RequestClient.RequestClientOptions) {
    super(options);
    const url = new URL(relayUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Not a relay URL: ${relayUrl}`);
    this.relayUrl = url.origin;
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: this.rewrite(opts.uri) });
  }

  /** A Twilio URL as the relay serves it; any other URL unchanged. */
  rewrite(uri: string): string {
    const url = new URL(uri);
    if (!TWILIO_HOST.test(url.hostname)) return uri;
    return `${this.relayUrl}/twilio${url.pathname}${url.search}`;
  }
}
