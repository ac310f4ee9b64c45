/** An error smtp-server answers with `code` and `text` (its `responseCode` convention). */
export function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}
