import { flagRows, parseCliOptions, SERVE_FLAGS } from '../cli-options.ts';
import { openConfigStore } from '../config/config-store.ts';
import { resolveToken } from '../config/token-store.ts';
import { createRelay } from '../create-relay.ts';
import { createLogger, defaultLogFormat } from '../logger.ts';
import { pairingInstructions } from '../pairing-instructions.ts';
import { SMTP_CERT_FILE } from '../smtp/create-smtp-server.ts';
import { keptCert } from '../tls/kept-cert.ts';
import type { CliCommand } from './command.ts';
import { isListenError, listenErrorMessage } from './listen-error.ts';
import { untilStopped } from './until-stopped.ts';

/** `otp-relay` / `otp-relay serve`: runs the relay until SIGINT, SIGTERM or (with --exit-with-stdin) EOF. */
export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'run the relay (the default: `otp-relay [options]`)',
  help: () =>
    [
      'Usage: otp-relay [serve] [options]',
      '',
      'Options (environment twin in brackets):',
      ...flagRows(SERVE_FLAGS),
      '',
    ].join('\n'),
  async run(argv, io) {
    const config = parseCliOptions(argv, io.env);
    const format = config.logFormat ?? defaultLogFormat({ isTTY: io.stderrIsTTY });
    const colorize = format === 'pretty' && io.stderrIsTTY && !io.env.NO_COLOR;
    // Logs go to stderr: stdout carries only the human-readable lines a harness parses.
    const logger = createLogger(config.options.logLevel, io.err, format, colorize);

    // Everything that can fail without side effects comes first, so a failure leaves nothing half-started.
    const store = await openConfigStore(config.configDir);
    const token = await resolveToken(config.token, store);
    if (token.warning) io.err.write(`otp-relay: ${token.warning}\n`);

    const { host, port } = config.options;
    const smtp = config.options.smtp && {
      ...config.options.smtp,
      // Kept in the config directory: an app told to trust it (or pinned to it) still talks TLS after a restart.
      ...(config.smtpStartTls ? { tls: await keptCert(SMTP_CERT_FILE, host ?? 'localhost', store) } : {}),
    };
    const relay = await createRelay({ ...config.options, smtp, token: token.token, logger, configStore: store }).catch(
      (error: unknown) => {
        if (!isListenError(error)) throw error;
        // The SMTP server tags its own failure (create-relay.ts), with its port in Node's error.
        throw new Error(listenErrorMessage(error, { host: host ?? '', port }));
      },
    );
    // Handlers first: a harness that reads the first line may send SIGTERM at once.
    const stopped = untilStopped(() => relay.close(), { logger, stdin: config.exitWithStdin ? io.stdin : undefined });
    io.out.write(`otp-relay listening on ${relay.url}\n`);
    if (relay.smtp) io.out.write(`otp-relay SMTP on ${relay.smtp.host}:${relay.smtp.port}\n`);
    if (relay.phoneListener !== undefined) {
      io.out.write(`otp-relay phone listener on ${relay.phoneListener.url}\n`);
      if (relay.phoneListener.cert === undefined) {
        io.err.write(
          'otp-relay: warning: the phone listener speaks plain HTTP (--phone-http): anyone on the network can read forwarded SMS and their codes.\n',
        );
      }
    }
    io.out.write(
      pairingInstructions(
        { url: relay.url, token: relay.token, clock: relay.clock, tokenSource: token.source, tokenPath: token.path },
        config.options.testControls !== false,
      ),
    );
    logger.info({ configDir: store.dir, tokenSource: token.source }, 'config');
    return stopped;
  },
};
