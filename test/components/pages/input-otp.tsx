import { OTPInput, REGEXP_ONLY_DIGITS } from 'input-otp';
import { useState } from 'react';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** input-otp as shadcn/ui's InputOTP uses it: one transparent input over six slots. */
function Page() {
  const [value, setValue] = useState('');
  return (
    <OTPInput
      maxLength={6}
      pattern={REGEXP_ONLY_DIGITS}
      value={value}
      onChange={(next) => {
        setValue(next);
        report(next);
      }}
      containerClassName="otp"
      render={({ slots }) => (
        <div style={{ display: 'flex', gap: 8 }}>
          {slots.map((slot, index) => (
            <div
              key={index}
              style={{ width: 40, height: 48, border: '1px solid #999', display: 'grid', placeItems: 'center' }}
            >
              {slot.char}
            </div>
          ))}
        </div>
      )}
    />
  );
}

mountReact(<Page />);
