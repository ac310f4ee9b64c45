import { type Channel, PURPOSE_LABELS, type Purpose } from '@otp-relay/shared';

export interface MessageContent {
  subject?: string;
  text: string;
}

export interface ComposeInput {
  channel: Channel;
  purpose: Purpose;
  origin: string;
  code: string;
  ttlSeconds: number;
}

/**
 * The words of the simulated SMS/email. The SMS ends with the origin-bound line `@host #code` that WebOTP
 * and Safari's one-time-code autofill read (https://wicg.github.io/web-otp/#sms), so a code is only offered
 * on the site it was sent for.
 */
export function composeMessage({ channel, purpose, origin, code, ttlSeconds }: ComposeInput): MessageContent {
  const host = new URL(origin).hostname;
  const expires = `It expires in ${describeDuration(ttlSeconds)}.`;
  const warning = 'Never share this code with anyone.';
  if (channel === 'sms') {
    return { text: `Your ${host} verification code is ${code}. ${expires} ${warning}\n\n@${host} #${code}` };
  }
  const label = PURPOSE_LABELS[purpose].toLowerCase();
  return {
    subject: `Your ${host} verification code`,
    text: [
      'Hello,',
      '',
      `Use this code to confirm your ${label} on ${host}:`,
      '',
      `    ${code}`,
      '',
      `${expires} ${warning} ${host} staff will never ask for it.`,
      "If you didn't ask for this code, you can ignore this email.",
    ].join('\n'),
  };
}

/** Who the simulated message is from: the site's host as an SMS sender ID, or a no-reply address on it. */
export function senderOf(channel: Channel, origin: string): string {
  const host = new URL(origin).hostname;
  return channel === 'sms' ? host : `no-reply@${host}`;
}

/** 45 → "45 seconds", 600 → "10 minutes", 7200 → "2 hours". */
export function describeDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 120 && seconds % 60 !== 0) return unit(seconds, 'second');
  if (seconds < 7200 && seconds % 3600 !== 0) return unit(Math.round(seconds / 60), 'minute');
  return unit(Math.round(seconds / 3600), 'hour');
}
