/** Masks a destination for display: +1 415 ••• ••67, s•••@example.com. */
export function maskDestination(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) {
    const local = to.slice(0, at);
    return `${local.charAt(0)}${'•'.repeat(Math.max(2, Math.min(local.length - 1, 6)))}${to.slice(at)}`;
  }
  if (to.length <= 4) return to;
  return `${to.slice(0, Math.min(3, to.length - 4))}${'•'.repeat(to.length - Math.min(3, to.length - 4) - 2)}${to.slice(-2)}`;
}
