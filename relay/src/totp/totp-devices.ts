import { randomBytes } from 'node:crypto';
import {
  type CreateTotpDeviceRequest,
  normalizeBase32,
  RelayError,
  TOTP_DEFAULTS,
  type TotpCode,
  type TotpDevice,
  TotpDeviceIdSchema,
} from '@otp-relay/shared';
import * as OTPAuth from 'otpauth';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { totpFromUri } from './totp-from-uri.ts';

export const DEFAULT_TOTP_LABEL = 'TOTP device';

export interface TotpDevicesOptions {
  /** The relay's clock: the test clock moves every device's code with everything else. */
  clock: Clock;
  /** Devices at once; past it a create is 429 capacity_reached. */
  maxDevices: number;
  /** Told of each add and delete by id and settings: never the secret, the label or a code. */
  logger: Logger;
}

/**
 * Virtual TOTP devices: the authenticator app a test holds. In memory only, like verifications (a restart or
 * POST /reset forgets them: a test adds the device it needs), at most `maxDevices` at once. The secret lives in
 * the `otpauth` object of its device and leaves only as codes: no answer, list or log carries it.
 */
export class TotpDevices {
  readonly #byId = new Map<string, { device: TotpDevice; totp: OTPAuth.TOTP }>();
  readonly #clock: Clock;
  readonly #max: number;
  readonly #logger: Logger;

  constructor({ clock, maxDevices, logger }: TotpDevicesOptions) {
    this.#clock = clock;
    this.#max = maxDevices;
    this.#logger = logger;
  }

  /** Adds a device from an already validated request (shared CreateTotpDeviceRequestSchema). */
  add(request: CreateTotpDeviceRequest): TotpDevice {
    if (this.#byId.size >= this.#max) {
      throw new RelayError(
        'capacity_reached',
        `The relay holds ${this.#max} TOTP devices: delete some (DELETE /api/v1/totp-devices/:id) or reset.`,
      );
    }
    const totp = request.otpauthUri === undefined ? totpFromSecret(request) : totpFromUri(request.otpauthUri);
    const device: TotpDevice = {
      id: `TD${randomBytes(16).toString('hex')}`,
      label: totp.label,
      issuer: totp.issuer === '' ? null : totp.issuer,
      digits: totp.digits,
      // Both held to what TotpDeviceSchema allows when the request was read (the schema, or totpFromUri).
      period: totp.period as TotpDevice['period'],
      algorithm: totp.algorithm as TotpDevice['algorithm'],
    };
    this.#byId.set(device.id, { device, totp });
    const { id, algorithm, digits, period } = device;
    this.#logger.info({ id, algorithm, digits, period }, 'totp device added');
    return device;
  }

  list(): TotpDevice[] {
    return [...this.#byId.values()].map(({ device }) => device);
  }

  get(id: string): TotpDevice {
    return this.#entry(id).device;
  }

  /** The code the device shows now on the relay's clock, and how long it has left. */
  code(id: string): TotpCode {
    const { device, totp } = this.#entry(id);
    const timestamp = this.#clock.now();
    return {
      code: totp.generate({ timestamp }),
      remainingSeconds: Math.ceil(totp.remaining({ timestamp }) / 1000),
      period: device.period,
    };
  }

  remove(id: string): TotpDevice {
    const { device } = this.#entry(id);
    this.#byId.delete(id);
    this.#logger.info({ id }, 'totp device deleted');
    return device;
  }

  clear(): void {
    this.#byId.clear();
  }

  get size(): number {
    return this.#byId.size;
  }

  #entry(id: string) {
    const entry = TotpDeviceIdSchema.safeParse(id).success ? this.#byId.get(id) : undefined;
    if (entry === undefined) {
      throw new RelayError('totp_device_not_found', `No TOTP device ${JSON.stringify(id.slice(0, 40))}.`);
    }
    return entry;
  }
}

function totpFromSecret(request: CreateTotpDeviceRequest): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    label: request.label ?? DEFAULT_TOTP_LABEL,
    secret: OTPAuth.Secret.fromBase32(normalizeBase32(request.secret ?? '')),
    digits: request.digits ?? TOTP_DEFAULTS.digits,
    period: request.period ?? TOTP_DEFAULTS.period,
    algorithm: request.algorithm ?? TOTP_DEFAULTS.algorithm,
  });
}
