/**
 * The SMTP servers of figure 11 in a process of their own (see child.ts): the relay's SMTP server and maildev's,
 * each as its users run it. Commands: relay, maildev, stored, stopAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRelay } from '../../relay/src/create-relay.ts';
import { serveCommands } from './child.ts';
import { RELAXED_LIMITS } from './service-parts.ts';

export interface SmtpStarted {
  port: number;
}

const stops: Array<() => Promise<void>> = [];
/** Messages each server took in, counted on its side (the relay: receiver calls; maildev: its store). */
const counters: Record<string, () => Promise<number>> = {};

/** The relay as `otp-relay` runs it, SMTP on: default SMTP limits, no AUTH, no STARTTLS. */
async function startRelay(): Promise<SmtpStarted> {
  const relay = await createRelay({ logLevel: 'silent', limits: RELAXED_LIMITS, smtp: { port: 0 } });
  let received = 0;
  const receive = relay.receiver.receive.bind(relay.receiver);
  relay.receiver.receive = (input) => {
    received += 1;
    return receive(input);
  };
  counters.relay = async () => received;
  stops.push(() => relay.close());
  if (!relay.smtp) throw new Error('the relay started without SMTP');
  return { port: relay.smtp.port };
}

/**
 * maildev 3 as `maildev --smtp 0 --ip 127.0.0.1` runs it (in-memory store, raw .eml files in the temp
 * directory), web UI off so both sides do only SMTP. Its temp directory is this run's own, removed at the end.
 */
async function startMaildev(): Promise<SmtpStarted> {
  const dir = mkdtempSync(join(tmpdir(), 'otp-relay-bench-maildev-'));
  process.env.TMPDIR = dir;
  // Imported here: maildev loads jsdom and more, which the relay's process has no reason to hold.
  const { MailDev } = await import('maildev');
  const maildev = new MailDev({ smtp: 0, ip: '127.0.0.1', disableWeb: true, silent: true });
  const servers = await maildev.start();
  counters.maildev = () => servers.storage.count();
  stops.push(async () => {
    await maildev.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { port: servers.smtp.getAddress().port };
}

serveCommands({
  relay: startRelay,
  maildev: startMaildev,
  /** CPU time this process used so far, µs (user + system): what a message costs, whatever else the box runs. */
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  },
  stored: ({ server }: { server: string }) => counters[server]?.() ?? 0,
  stopAll: async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
  },
});
