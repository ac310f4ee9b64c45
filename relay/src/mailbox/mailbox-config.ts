import { z } from 'zod';
import type { ConfigStore } from '../config/config-store.ts';

/**
 * One watched mailbox as `otp-relay mailbox add` stores it in the config directory (`mailboxes.json`, 0600 like
 * every file there): where it is, who logs in, and the secret (a password or app password, or an OAuth2 access
 * token). The secret never leaves this file: not in logs, not in `mailbox list`, not on the API.
 */
export const MailboxConfigSchema = z.strictObject({
  /** `user@host`, what `mailbox remove` and `status` name it by. */
  id: z.string().min(3).max(400),
  host: z.string().min(1).max(253),
  port: z.int().min(1).max(65_535),
  /** True for imaps:// (TLS from the first byte); imap:// upgrades with STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: z.string().min(1).max(320),
  auth: z.union([z.strictObject({ pass: z.string().min(1) }), z.strictObject({ accessToken: z.string().min(1) })]),
  folder: z.string().min(1).max(200).default('INBOX'),
  /**
   * The authserv-id the receiving server writes in its Authentication-Results (e.g. `mx.google.com`); when set,
   * only that server's results bind a site. Default: the topmost Authentication-Results header's.
   */
  authservId: z.string().min(1).max(253).optional(),
});
export type MailboxConfig = z.infer<typeof MailboxConfigSchema>;

export const MAILBOXES_FILE = 'mailboxes.json';
export const MailboxesFileSchema = z.object({ mailboxes: z.array(MailboxConfigSchema).max(50) });

/** The mailboxes stored in the config directory (none when the file does not exist). */
export async function readMailboxes(store: ConfigStore): Promise<MailboxConfig[]> {
  return (await store.read(MAILBOXES_FILE, MailboxesFileSchema))?.mailboxes ?? [];
}

export async function writeMailboxes(store: ConfigStore, mailboxes: MailboxConfig[]): Promise<void> {
  await store.write(MAILBOXES_FILE, MailboxesFileSchema.parse({ mailboxes }));
}

/** What a mailbox URL names: `imaps://user@imap.example.com[:993][/Folder]`. */
export interface MailboxAddress {
  id: string;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  folder: string;
}

/** Parses a mailbox URL; throws an Error whose message says what is wrong with it. */
export function parseMailboxUrl(text: string): MailboxAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a mailbox URL (imaps://user@imap.example.com)`);
  }
  if (url.protocol !== 'imaps:' && url.protocol !== 'imap:') {
    throw new Error(`a mailbox URL starts with imaps:// (or imap://), not ${url.protocol}//`);
  }
  const user = decodeURIComponent(url.username);
  if (!user) throw new Error('the mailbox URL names no user: imaps://user@imap.example.com');
  if (url.password)
    throw new Error('put no password in the URL: it is asked for, or read from OTP_RELAY_MAILBOX_PASSWORD');
  const secure = url.protocol === 'imaps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : secure ? 993 : 143;
  const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return { id: `${user}@${host}${url.port ? `:${port}` : ''}`, host, port, secure, user, folder };
}
