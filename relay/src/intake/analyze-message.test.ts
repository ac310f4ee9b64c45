import { describe, expect, it } from 'vitest';
import { analyzeMessage } from './analyze-message.ts';

const options = { senderRules: [], defaultTtlMs: 600_000 };
const receivedAt = Date.UTC(2026, 0, 1);

describe('analyzeMessage', () => {
  it('reads the code, the sender rule and the expiry of a TikTok SMS', () => {
    expect(
      analyzeMessage(
        {
          channel: 'sms',
          from: 'TikTok',
          text: '[TikTok] 482913 is your verification code, valid for 5 minutes. Never forward this code.',
          receivedAt,
        },
        options,
      ),
    ).toEqual({
      text: '[TikTok] 482913 is your verification code, valid for 5 minutes. Never forward this code.',
      code: '482913',
      site: 'tiktok.com',
      binding: 'sender-rule',
      expiresAt: receivedAt + 300_000,
    });
  });

  it('binds an SMS to the host of its @host #code last line', () => {
    const result = analyzeMessage(
      {
        channel: 'sms',
        from: '+14155550123',
        text: 'Your code is 482913.\n\n@seller-us.tiktok.com #482913',
        receivedAt,
      },
      options,
    );
    expect(result).toMatchObject({ code: '482913', site: 'tiktok.com', binding: 'origin-bound-line' });
  });

  it('shows the visible text of an HTML-only email and finds the code there, not in its hidden preheader', () => {
    const result = analyzeMessage(
      {
        channel: 'email',
        from: '"Amazon" <account-update@amazon.com>',
        subject: 'Your Amazon verification code',
        html:
          '<html><head><style>p{}</style></head><body><div style="display:none">999999</div>' +
          '<p>To verify your identity, use the following code:</p><p><b>482913</b></p></body></html>',
        receivedAt,
      },
      options,
    );
    expect(result).toEqual({
      text: 'To verify your identity, use the following code:\n\n482913',
      code: '482913',
      site: 'amazon.com',
      binding: 'email-domain',
      expiresAt: receivedAt + 600_000,
    });
  });

  it('binds nothing from a From domain without DKIM/DMARC pass in a real mailbox', () => {
    const result = analyzeMessage(
      {
        channel: 'email',
        from: 'TikTok <no-reply@tiktok.com>',
        text: 'Your verification code is 482913.',
        receivedAt,
        authenticatedDomains: ['spoofer.example'],
      },
      options,
    );
    expect(result).toMatchObject({ code: '482913', site: null, binding: 'none' });
  });
});
