import {
  AddedPhoneSchema,
  AddPhoneRequestSchema,
  PhoneIdSchema,
  PhoneListSchema,
  PhoneQrSchema,
  PhoneSchema,
  RelayError,
} from '@otp-relay/shared';
import QRCode from 'qrcode';
import { type Route, route } from '../http/route.ts';
import type { PhoneDevice, PhoneDevices } from './phone-devices.ts';

export { AddedPhoneSchema, AddPhoneRequestSchema, PhoneListSchema, PhoneSchema };

export interface PhoneRoutesDeps {
  devices: PhoneDevices;
  /** The webhook URL of a device, or undefined when the phone listener is off. */
  webhookUrl: (id: string) => string | undefined;
  /** A removed device's replay and pace memory goes with it. */
  onRemove?: (id: string) => void;
}

/** `/api/v1/phones`: the seller's phones, on the main listener behind the token (never on the phone listener). */
export function phoneRoutes({ devices, webhookUrl, onRemove }: PhoneRoutesDeps): Route[] {
  const view = (phone: PhoneDevice) => ({
    id: phone.id,
    app: phone.app,
    name: phone.name,
    url: webhookUrl(phone.id) ?? null,
    createdAt: phone.createdAt,
  });
  const idOf = (params: Record<string, string>) => {
    const id = params.id ?? '';
    if (!PhoneIdSchema.safeParse(id).success)
      throw new RelayError('not_found', `No phone ${JSON.stringify(id.slice(0, 40))}.`);
    return id;
  };
  // biome-ignore format: one route per row, as in http/routes.ts
  return [
    route('post', '/api/v1/phones', 'token', 'Add a phone: its webhook URL and secret (shown only here)',
      { body: AddPhoneRequestSchema, status: 201, response: AddedPhoneSchema },
      async ({ body }) => {
        const phone = await devices.add(body.app, body.name);
        return { ...view(phone), secret: phone.secret };
      }),
    route('get', '/api/v1/phones', 'token', 'The phones that may forward SMS (no secrets)',
      { status: 200, response: PhoneListSchema },
      () => ({ phones: devices.list().map(view) })),
    route('get', '/api/v1/phones/:id/qr', 'token', "A QR code of the phone's webhook URL (SVG), for the options page",
      { status: 200, response: PhoneQrSchema },
      async ({ params }) => {
        const phone = devices.get(idOf(params));
        const url = phone === undefined ? undefined : webhookUrl(phone.id);
        if (phone === undefined) throw new RelayError('not_found', `No phone ${params.id}.`);
        if (url === undefined) {
          throw new RelayError('not_found', 'The phone listener is off: start the relay with --phone-port.');
        }
        return { url, svg: await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) };
      }),
    route('delete', '/api/v1/phones/:id', 'token', 'Remove a phone: its secret stops working at once',
      { status: 200, response: PhoneSchema },
      async ({ params }) => {
        const phone = await devices.remove(idOf(params));
        onRemove?.(phone.id);
        return view(phone);
      }),
  ];
}
