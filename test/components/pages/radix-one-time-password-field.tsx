import * as OneTimePasswordField from '@radix-ui/react-one-time-password-field';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** Radix UI OneTimePasswordField: six boxes plus a hidden input with the whole value. */
mountReact(
  <OneTimePasswordField.Root onValueChange={report} style={{ display: 'flex', gap: 8 }}>
    {[0, 1, 2, 3, 4, 5].map((index) => (
      <OneTimePasswordField.Input key={index} style={{ width: 40, height: 48, textAlign: 'center' }} />
    ))}
    <OneTimePasswordField.HiddenInput />
  </OneTimePasswordField.Root>,
);
