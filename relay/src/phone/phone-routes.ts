import { RelayError } from '@otp-relay/shared';
import { z } from 'zod';
import { type Route, route } from '../http/route.ts';
import { PhoneAppSchema } from './phone-apps.ts';
import { type PhoneDevice, type PhoneDevices, PhoneIdSchema } from './phone-devices.ts';

export const AddPhoneRequestSchema = z.strictObject({
  app: PhoneAppSchema,
  name: z.string().trim().min(1).max(80),
});

/** A phone as listed: never its secret (that is shown once, when it is added). */
export const PhoneSchema = z.object({
  id: PhoneIdSchema,
  app: PhoneAppSchema,
  name: z.string(),
  /** The exact webhook URL to paste into the app; null while the phone listener is off (--phone-port). */
  url: z.string().nullable(),
  createdAt: z.string(),
});
export const AddedPhoneSchema = PhoneSchema.extend({ secret: z.string() });
export const PhoneListSchema = z.object({ phones: z.array(PhoneSchema) });

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
    route('delete', '/api/v1/phones/:id', 'token', 'Remove a phone: its secret stops working at once',
      { status: 200, response: PhoneSchema },
      async ({ params }) => {
        const phone = await devices.remove(idOf(params));
        onRemove?.(phone.id);
        return view(phone);
      }),
  ];
}
