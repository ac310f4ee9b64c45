import { randomBytes } from 'node:crypto';
import { PhoneIdSchema, RelayError } from '@otp-relay/shared';
import { z } from 'zod';
import type { ConfigStore } from '../config/config-store.ts';
import { type PhoneApp, PhoneAppSchema } from './phone-apps.ts';

export { PhoneIdSchema };

export const PhoneDeviceSchema = z.strictObject({
  id: PhoneIdSchema,
  app: PhoneAppSchema,
  name: z.string().min(1).max(80),
  secret: z.string().min(32).max(128),
  createdAt: z.string(),
});
export type PhoneDevice = z.infer<typeof PhoneDeviceSchema>;

const PhonesFileSchema = z.strictObject({ phones: z.array(PhoneDeviceSchema) });
export const PHONES_FILE = 'phones.json';

/**
 * The seller's phones: each with its own secret (the HMAC key or bearer its app is given). Kept in
 * `phones.json` (0600) when the relay has a config store; removing a phone makes its secret worthless at once,
 * since every request looks its device up here.
 */
export class PhoneDevices {
  readonly #byId = new Map<string, PhoneDevice>();
  readonly #store: ConfigStore | undefined;
  #writes: Promise<void> = Promise.resolve();

  private constructor(store: ConfigStore | undefined) {
    this.#store = store;
  }

  static async open(store?: ConfigStore): Promise<PhoneDevices> {
    const devices = new PhoneDevices(store);
    for (const phone of (await store?.read(PHONES_FILE, PhonesFileSchema))?.phones ?? [])
      devices.#byId.set(phone.id, phone);
    return devices;
  }

  async add(app: PhoneApp, name: string, now: Date = new Date()): Promise<PhoneDevice> {
    const phone: PhoneDevice = {
      id: `PH${randomBytes(8).toString('hex')}`,
      app,
      name,
      secret: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
    };
    this.#byId.set(phone.id, phone);
    await this.#save();
    return phone;
  }

  get(id: string): PhoneDevice | undefined {
    return this.#byId.get(id);
  }

  list(): PhoneDevice[] {
    return [...this.#byId.values()];
  }

  async remove(id: string): Promise<PhoneDevice> {
    const phone = this.#byId.get(id);
    if (phone === undefined) throw new RelayError('not_found', `No phone ${JSON.stringify(id.slice(0, 40))}.`);
    this.#byId.delete(id);
    await this.#save();
    return phone;
  }

  /** Writes in order, each with the state at its turn, so two quick changes never land out of order. */
  #save(): Promise<void> {
    const store = this.#store;
    if (store === undefined) return Promise.resolve();
    this.#writes = this.#writes.catch(() => {}).then(() => store.write(PHONES_FILE, { phones: this.list() }));
    return this.#writes;
  }
}
