import { useState } from 'react';
import OtpInput from 'react-otp-input';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** react-otp-input v3: six boxes with no maxlength; it writes a digit into the box it believes active. */
function Page() {
  const [value, setValue] = useState('');
  return (
    <OtpInput
      value={value}
      numInputs={6}
      inputType="tel"
      onChange={(next) => {
        setValue(next);
        report(next);
      }}
      inputStyle={{ width: 40, height: 48, fontSize: 20 }}
      renderSeparator={<span>-</span>}
      renderInput={(props) => <input {...props} />}
    />
  );
}

mountReact(<Page />);
