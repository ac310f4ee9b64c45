/**
 * What a listener that could not bind reports: Node's own error (it carries `address` and `port`), optionally
 * tagged with which listener it was. A listener added later (phone, SMTP) should let that error reach the CLI,
 * after closing whatever it had already started, with `listener` set: `Object.assign(error, { listener: 'phone
 * listener' })`. The CLI then prints one line and exits 1.
 */
export interface ListenFailure extends NodeJS.ErrnoException {
  address?: string;
  port?: number;
  listener?: string;
}

/** One line naming what, where and what to do; the usual case is a port in use (a relay already running). */
export function listenErrorMessage(error: ListenFailure, fallback: { host: string; port: number }): string {
  const host = error.address ?? fallback.host;
  const port = error.port ?? fallback.port;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const what = `cannot start the ${error.listener ?? 'relay'} on ${where}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `${what}: the port is already in use (another otp-relay running? choose another port)`;
    case 'EACCES':
    case 'EPERM':
      return `${what}: permission denied (ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL':
      return `${what}: this machine has no such address`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${what}: the host name does not resolve`;
    default:
      return `${what}: ${error.message}`;
  }
}

/** True for the errors `server.listen` reports (as opposed to a bad option, which has its own message). */
export function isListenError(error: unknown): error is ListenFailure {
  const { syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return syscall === 'listen' || syscall === 'bind' || syscall === 'getaddrinfo';
}
