import {
  type AddedPhone,
  AddedPhoneSchema,
  type AddPhoneRequest,
  type Phone,
  PhoneListSchema,
  type PhoneQr,
  PhoneQrSchema,
  PhoneSchema,
} from './phones.ts';
import type { RelayHttp } from './relay-http.ts';

/* The phone endpoints as functions of a RelayHttp (the options page's phone setup); RelayClient's call these. */

/** Adds a phone: its webhook URL and its secret, which no later answer repeats. */
export function addPhone(http: RelayHttp, body: AddPhoneRequest): Promise<AddedPhone> {
  return http.call('POST', '/api/v1/phones', AddedPhoneSchema, body);
}

export async function listPhones(http: RelayHttp): Promise<Phone[]> {
  return (await http.call('GET', '/api/v1/phones', PhoneListSchema)).phones;
}

/** A QR code (SVG) of the phone's webhook URL, to scan with the phone. */
export function phoneQr(http: RelayHttp, id: string): Promise<PhoneQr> {
  return http.call('GET', `/api/v1/phones/${encodeURIComponent(id)}/qr`, PhoneQrSchema);
}

export function removePhone(http: RelayHttp, id: string): Promise<Phone> {
  return http.call('DELETE', `/api/v1/phones/${encodeURIComponent(id)}`, PhoneSchema);
}
