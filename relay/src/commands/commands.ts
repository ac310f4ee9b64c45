import type { CliCommand } from './command.ts';
import { mailboxAddCommand, mailboxListCommand, mailboxRemoveCommand, statusCommand } from './mailbox-commands.ts';
import { phoneAddCommand, phoneListCommand, phoneRemoveCommand } from './phone-commands.ts';
import { serveCommand } from './serve-command.ts';
import { tokenRotateCommand, tokenShowCommand } from './token-commands.ts';

/** Every `otp-relay` subcommand; the first is what runs when no command word is given. */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  tokenRotateCommand,
  tokenShowCommand,
  mailboxAddCommand,
  mailboxListCommand,
  mailboxRemoveCommand,
  statusCommand,
  phoneAddCommand,
  phoneListCommand,
  phoneRemoveCommand,
];
