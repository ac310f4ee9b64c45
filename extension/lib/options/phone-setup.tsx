import {
  type AddedPhone,
  PHONE_APP_NAMES,
  PHONE_APPS,
  type Phone,
  type PhoneApp,
  type PhoneQr,
  phoneSetupSteps,
} from '@otp-relay/shared/phones';
import { addPhone, listPhones, phoneQr, removePhone } from '@otp-relay/shared/phones-api';
import { RelayHttp } from '@otp-relay/shared/relay-http';
import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';

interface PhoneSetupProps {
  relayUrl: string;
  token: string;
}

/** What the setup panel shows: a phone just added (with its secret, this once) or a listed one (no secret). */
interface Shown {
  phone: Phone | AddedPhone;
  qr: PhoneQr | null;
}

const qrSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
const problem = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The seller's phones, as `otp-relay phone add|list|remove` shows them: add one (the app and a name), then one
 * screen with the webhook URL, the secret (shown only now: the relay never answers it again, and it is kept
 * nowhere here), a QR code of the URL served by the paired relay, and that app's steps. Every call goes
 * through the typed phone endpoints (shared/src/phones-api.ts) in a session proved with the pairing's token, as
 * the rest of the extension's HTTP calls do.
 */
export function PhoneSetup({ relayUrl, token }: PhoneSetupProps) {
  // Bound: Chrome's fetch called as a method of another object throws "Illegal invocation".
  const http = useMemo(
    () => new RelayHttp({ url: relayUrl, token, fetch: globalThis.fetch.bind(globalThis) }),
    [relayUrl, token],
  );
  const [phones, setPhones] = useState<Phone[] | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [app, setApp] = useState<PhoneApp>('smsforwarder');
  const [name, setName] = useState('');
  const ids = useId();

  const reload = useCallback(async () => {
    try {
      setPhones(await listPhones(http));
    } catch (failure) {
      setError(`The relay did not list its phones: ${problem(failure)}`);
    }
  }, [http]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const show = async (phone: Phone | AddedPhone) => {
    setShown({ phone, qr: phone.url === null ? null : await phoneQr(http, phone.id) });
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const phone = await addPhone(http, { app, name: name.trim() });
      setError(null);
      setName('');
      await show(phone);
      await reload();
    } catch (failure) {
      setError(`The phone was not added: ${problem(failure)}`);
    }
  };

  const remove = async (id: string) => {
    try {
      await removePhone(http, id);
      if (shown?.phone.id === id) setShown(null);
      await reload();
    } catch (failure) {
      setError(`The phone was not removed: ${problem(failure)}`);
    }
  };

  return (
    <section aria-labelledby={`${ids}-heading`} data-testid="phone-setup">
      <h2 id={`${ids}-heading`}>Phones</h2>
      <p>
        An SMS forwarder app on your phone posts each SMS to the relay's phone listener (start the relay with{' '}
        <code>--phone-port</code> and <code>--phone-host</code>); its codes then show here and fill like any other.
      </p>
      {phones !== null && phones.length > 0 && (
        <ul className="site-list" data-testid="phone-list">
          {phones.map((phone) => (
            <li key={phone.id} data-testid="phone" data-id={phone.id}>
              <span>
                {phone.name} · {PHONE_APP_NAMES[phone.app]}
              </span>
              <span>
                <button type="button" onClick={() => void show(phone).catch((f) => setError(problem(f)))}>
                  Setup
                </button>
                <button type="button" onClick={() => void remove(phone.id)} aria-label={`Remove ${phone.name}`}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {phones !== null && phones.length === 0 && <p>No phones yet.</p>}
      <form className="inline-form" onSubmit={add} data-testid="phone-add">
        <label htmlFor={`${ids}-app`} className="visually-hidden">
          Forwarder app
        </label>
        <select id={`${ids}-app`} value={app} onChange={(e) => setApp(e.target.value as PhoneApp)}>
          {PHONE_APPS.map((value) => (
            <option key={value} value={value}>
              {PHONE_APP_NAMES[value]}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-name`} className="visually-hidden">
          Phone name
        </label>
        <input
          id={`${ids}-name`}
          placeholder="Pixel 8"
          value={name}
          maxLength={80}
          required
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Add phone</button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="phone-error">
          {error}
        </p>
      )}
      {shown && <SetupPanel shown={shown} onDone={() => setShown(null)} />}
    </section>
  );
}

function SetupPanel({ shown, onDone }: { shown: Shown; onDone: () => void }) {
  const { phone, qr } = shown;
  const secret = 'secret' in phone ? phone.secret : null;
  return (
    <div className="phone-panel" data-testid="phone-panel" data-id={phone.id}>
      <h3>
        Set up {phone.name} ({PHONE_APP_NAMES[phone.app]})
      </h3>
      {phone.url === null ? (
        <p>The phone listener is off: restart the relay with --phone-port and --phone-host for the webhook URL.</p>
      ) : (
        <p>
          Webhook URL: <code data-testid="phone-url">{phone.url}</code>
        </p>
      )}
      {secret !== null && (
        <p>
          Secret: <code data-testid="phone-secret">{secret}</code>
          <br />
          <strong>Shown only now:</strong> copy it into the app before you leave this page.
        </p>
      )}
      {qr && (
        <img
          data-testid="phone-qr"
          className="phone-qr"
          src={qrSource(qr.svg)}
          width={200}
          height={200}
          alt={`QR code of ${qr.url}`}
        />
      )}
      {phone.url !== null && (
        <ol data-testid="phone-steps">
          {phoneSetupSteps(phone.app, phone.url, secret ?? '(the secret shown when the phone was added)').map(
            (step) => (
              <li key={step}>{step}</li>
            ),
          )}
        </ol>
      )}
      {phone.url?.startsWith('https:') && (
        <p>The relay uses a self-signed certificate: allow it in the app (or install it on the phone).</p>
      )}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
