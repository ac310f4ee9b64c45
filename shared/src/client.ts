import {
  type ChaosRuleInput,
  type ChaosState,
  ChaosStateSchema,
  type ClockState,
  ClockStateSchema,
} from './controls.ts';
import type { CreateVerificationRequest } from './create-verification-request.ts';
import { RelayError } from './errors.ts';
import {
  type InboundMessageRequest,
  type IssuedMessage,
  type LatestMessageQuery,
  type ListMessagesQuery,
  type Message,
  type MessageList,
  MessageSchema,
  type MessageSource,
  type SenderRulesState,
  SenderRulesStateSchema,
  type SenderRuleWire,
} from './message.ts';
import { listAllMessages, listMessages, listMessagesPage } from './messages-api.ts';
import type { AddedPhone, AddPhoneRequest, Phone, PhoneQr } from './phones.ts';
import { addPhone, listPhones, phoneQr, removePhone } from './phones-api.ts';
import { RelayHttp, toQuery } from './relay-http.ts';
import { RelayStream, type RelayStreamOptions } from './stream-client.ts';
import {
  type CreateTotpDeviceRequest,
  type TotpCode,
  TotpCodeSchema,
  type TotpDevice,
  TotpDeviceListSchema,
  TotpDeviceSchema,
} from './totp-device.ts';
import {
  type CheckByDestinationRequest,
  type CheckResult,
  CheckResultSchema,
  type Verification,
  VerificationSchema,
} from './verification.ts';

export type { RelayClientOptions } from './relay-http.ts';

export interface WaitForMessageOptions extends Omit<LatestMessageQuery, 'wait'> {
  /** Give up after this long (default 10 s). Longer waits are split into several long polls. */
  timeoutMs?: number;
}

/** A typed client for the relay's whole HTTP API: what tests, testers and shop backends use. */
export class RelayClient extends RelayHttp {
  createVerification(body: CreateVerificationRequest): Promise<Verification> {
    return this.call('POST', '/api/v1/verifications', VerificationSchema, body);
  }
  getVerification(id: string): Promise<Verification> {
    return this.call('GET', `/api/v1/verifications/${encodeURIComponent(id)}`, VerificationSchema);
  }
  check(id: string, code: string): Promise<CheckResult> {
    return this.call('POST', `/api/v1/verifications/${encodeURIComponent(id)}/check`, CheckResultSchema, { code });
  }
  checkByDestination(body: CheckByDestinationRequest): Promise<CheckResult> {
    return this.call('POST', '/api/v1/verification-checks', CheckResultSchema, body);
  }
  resend(id: string): Promise<Verification> {
    return this.call('POST', `/api/v1/verifications/${encodeURIComponent(id)}/resend`, VerificationSchema);
  }
  cancel(id: string): Promise<Verification> {
    return this.call('DELETE', `/api/v1/verifications/${encodeURIComponent(id)}`, VerificationSchema);
  }

  /** One page of live messages (100 unless `query.limit` says otherwise), newest first. */
  listMessages(query: ListMessagesQuery = {}): Promise<Message[]> {
    return listMessages(this, query);
  }
  /** One page and the cursor of the next (absent on the last page). */
  listMessagesPage(query: ListMessagesQuery = {}): Promise<MessageList> {
    return listMessagesPage(this, query);
  }
  /** Every live message matching `query`, newest first, page by page (at most `maxPages`). */
  listAllMessages(query: Omit<ListMessagesQuery, 'cursor'> = {}, maxPages = 1000): Promise<Message[]> {
    return listAllMessages(this, query, maxPages);
  }
  /** The newest live message matching `query`, waiting up to `query.wait` seconds; null when none came. */
  async latestMessage(query: LatestMessageQuery = {}): Promise<Message | null> {
    try {
      return await this.call('GET', `/api/v1/messages/latest${toQuery(query)}`, MessageSchema);
    } catch (error) {
      if (error instanceof RelayError && error.code === 'message_not_found') return null;
      throw error;
    }
  }
  /** Hands the relay a message that arrived elsewhere (an SMS, an email); answers with it as stored. */
  async postInbound(body: InboundMessageRequest): Promise<Message> {
    return this.call('POST', '/api/v1/inbound', MessageSchema, body);
  }

  async senderRules(): Promise<SenderRulesState> {
    return this.call('GET', '/api/v1/sender-rules', SenderRulesStateSchema);
  }

  /** Replaces the seller's own sender rules (the built-in ones stay, checked after them). */
  async setSenderRules(rules: SenderRuleWire[]): Promise<SenderRulesState> {
    return this.call('PUT', '/api/v1/sender-rules', SenderRulesStateSchema, { rules });
  }

  /**
   * Resolves with the first matching message; rejects with a RelayError `message_not_found` on timeout.
   * Without a `source` it waits for a code this relay issued (`source: "relay"`), typed as such; name another
   * source (e.g. `inbound`) to wait for messages from elsewhere.
   */
  async waitForMessage(options?: WaitForMessageOptions & { source?: 'relay' }): Promise<IssuedMessage>;
  async waitForMessage(options: WaitForMessageOptions & { source: Exclude<MessageSource, 'relay'> }): Promise<Message>;
  async waitForMessage(options: WaitForMessageOptions = {}): Promise<Message> {
    const { timeoutMs = 10_000, source = 'relay', ...rest } = options;
    const query = { ...rest, source };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      const wait = Math.max(0, Math.min(60, Math.ceil(left / 1000)));
      const message = await this.latestMessage({ ...query, wait });
      if (message) return message;
      if (Date.now() >= deadline) {
        throw new RelayError(
          'message_not_found',
          `No message matching ${JSON.stringify(query)} within ${timeoutMs} ms`,
        );
      }
    }
  }

  /**
   * Adds a virtual TOTP device (an authenticator app for tests) from the site's `otpauthUri` (what its QR code
   * holds) or a base32 `secret`; the secret is never shown again.
   */
  createTotpDevice(body: CreateTotpDeviceRequest): Promise<TotpDevice> {
    return this.call('POST', '/api/v1/totp-devices', TotpDeviceSchema, body);
  }
  async totpDevices(): Promise<TotpDevice[]> {
    return (await this.call('GET', '/api/v1/totp-devices', TotpDeviceListSchema)).devices;
  }
  totpDevice(id: string): Promise<TotpDevice> {
    return this.call('GET', `/api/v1/totp-devices/${encodeURIComponent(id)}`, TotpDeviceSchema);
  }
  /** The code the device shows now, on the relay's clock (the test clock moves it). */
  totpCode(id: string): Promise<TotpCode> {
    return this.call('GET', `/api/v1/totp-devices/${encodeURIComponent(id)}/code`, TotpCodeSchema);
  }
  deleteTotpDevice(id: string): Promise<TotpDevice> {
    return this.call('DELETE', `/api/v1/totp-devices/${encodeURIComponent(id)}`, TotpDeviceSchema);
  }

  /** Adds a phone: its webhook URL and its secret, which no later answer repeats. */
  addPhone(body: AddPhoneRequest): Promise<AddedPhone> {
    return addPhone(this, body);
  }
  phones(): Promise<Phone[]> {
    return listPhones(this);
  }
  /** A QR code (SVG) of the phone's webhook URL, to scan with the phone. */
  phoneQr(id: string): Promise<PhoneQr> {
    return phoneQr(this, id);
  }
  removePhone(id: string): Promise<Phone> {
    return removePhone(this, id);
  }

  setChaos(rules: ChaosRuleInput[]): Promise<ChaosState> {
    return this.call('PUT', '/api/v1/chaos', ChaosStateSchema, { rules });
  }
  getChaos(): Promise<ChaosState> {
    return this.call('GET', '/api/v1/chaos', ChaosStateSchema);
  }
  clearChaos(): Promise<ChaosState> {
    return this.setChaos([]);
  }
  clock(): Promise<ClockState> {
    return this.call('GET', '/api/v1/clock', ClockStateSchema);
  }
  advanceClock(ms: number): Promise<ClockState> {
    return this.call('POST', '/api/v1/clock/advance', ClockStateSchema, { ms });
  }
  async reset(): Promise<void> {
    await this.call('POST', '/api/v1/reset', null);
  }

  /** Opens the live stream with this client's relay and token. */
  stream(options: Omit<RelayStreamOptions, 'url' | 'token'> = {}): RelayStream {
    return new RelayStream({ ...options, url: this.url, token: this.token });
  }
}
