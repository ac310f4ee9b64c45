import { MuiOtpInput } from 'mui-one-time-password-input';
import { useState } from 'react';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** mui-one-time-password-input: six MUI TextFields, controlled. */
function Page() {
  const [value, setValue] = useState('');
  return (
    <MuiOtpInput
      length={6}
      value={value}
      onChange={(next) => {
        setValue(next);
        report(next);
      }}
    />
  );
}

mountReact(<Page />);
