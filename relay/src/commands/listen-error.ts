/**
 * One line for a listener that could not start, naming what, where and what to do: a port in use is the usual
 * case (a relay already running, or another program on 8787).
 */
export function listenErrorMessage(what: string, host: string, port: number, error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `cannot start the ${what} on ${where}: the port is already in use (another otp-relay running? choose another port)`;
    case 'EACCES':
    case 'EPERM':
      return `cannot start the ${what} on ${where}: permission denied (ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL':
      return `cannot start the ${what} on ${where}: this machine has no such address`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot start the ${what} on ${where}: the host name does not resolve`;
    default:
      return `cannot start the ${what} on ${where}: ${message}`;
  }
}

/** True for the errors `server.listen` reports (as opposed to a bad option, which has its own message). */
export function isListenError(error: unknown): boolean {
  const { syscall } = error as NodeJS.ErrnoException;
  return syscall === 'listen' || syscall === 'bind' || syscall === 'getaddrinfo';
}
