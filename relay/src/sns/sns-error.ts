import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** An error as SNS's query API answers it (HTTP status, `Sender`/`Receiver`, code, message). */
export class SnsError extends Error {
  override name = 'SnsError';
  readonly status: number;
  readonly code: string;
  readonly type: 'Sender' | 'Receiver';

  constructor(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender') {
    super(message);
    this.status = status;
    this.code = code;
    this.type = type;
  }
}

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
}

export function sendXml(res: Response, status: number, xml: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/xml');
  res.setHeader('Content-Length', Buffer.byteLength(xml));
  res.end(xml);
}

/** AWS's query-protocol error document, which the SDK reads into a typed exception named by `Code`. */
export function sendSnsError(res: Response, error: SnsError): void {
  const requestId = randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  sendXml(
    res,
    error.status,
    `<ErrorResponse xmlns="${SNS_XMLNS}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}
