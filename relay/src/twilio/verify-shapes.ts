import type { VerifyRecord, VerifyServiceRecord } from './twilio-verify.ts';

/** Verify's resource URLs name Twilio's host, as Twilio's do: the SDK's http client maps them to the relay. */
export const VERIFY_BASE = 'https://verify.twilio.com/v2';

/** Verify v2 dates: ISO 8601 to the second, UTC ("2015-07-30T20:00:00Z"). */
export function verifyDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** A Service resource as Twilio answers it (snake_case, every field the SDK maps). */
export function serviceJson(service: VerifyServiceRecord, accountSid: string) {
  const url = `${VERIFY_BASE}/Services/${service.sid}`;
  return {
    sid: service.sid,
    account_sid: accountSid,
    friendly_name: service.friendlyName,
    code_length: service.codeLength,
    lookup_enabled: false,
    psd2_enabled: false,
    skip_sms_to_landlines: false,
    dtmf_input_required: true,
    tts_name: null,
    do_not_share_warning_enabled: false,
    custom_code_enabled: true,
    push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
    totp: { issuer: service.friendlyName, time_step: 30, code_length: 6, skew: 1 },
    default_template_sid: null,
    whatsapp: { msg_service_sid: null, from: null },
    passkeys: null,
    verify_event_subscription_enabled: false,
    date_created: verifyDate(service.createdAt),
    date_updated: verifyDate(service.updatedAt),
    url,
    links: {
      verification_checks: `${url}/VerificationCheck`,
      verifications: `${url}/Verifications`,
      rate_limits: `${url}/RateLimits`,
      messaging_configurations: `${url}/MessagingConfigurations`,
      entities: `${url}/Entities`,
      webhooks: `${url}/Webhooks`,
      access_tokens: `${url}/AccessTokens`,
    },
  };
}

/** A Verification resource (create, fetch, update). `valid` is true only once approved. */
export function verificationJson(record: VerifyRecord, accountSid: string) {
  return {
    sid: record.sid,
    service_sid: record.serviceSid,
    account_sid: accountSid,
    to: record.to,
    channel: record.channel,
    status: record.status,
    valid: record.status === 'approved',
    lookup: { carrier: null },
    amount: record.amount,
    payee: record.payee,
    send_code_attempts: record.sends.map((send) => ({
      attempt_sid: send.sid,
      channel: send.channel,
      time: verifyDate(send.at),
    })),
    date_created: verifyDate(record.createdAt),
    date_updated: verifyDate(record.updatedAt),
    sna: null,
    url: `${VERIFY_BASE}/Services/${record.serviceSid}/Verifications/${record.sid}`,
  };
}

/** A VerificationCheck resource. */
export function verificationCheckJson(record: VerifyRecord, accountSid: string) {
  return {
    sid: record.sid,
    service_sid: record.serviceSid,
    account_sid: accountSid,
    to: record.to,
    channel: record.channel,
    status: record.status,
    valid: record.status === 'approved',
    amount: record.amount,
    payee: record.payee,
    date_created: verifyDate(record.createdAt),
    date_updated: verifyDate(record.updatedAt),
    sna_attempts_error_codes: [],
  };
}
