import { describe } from 'vitest';
import { componentSuite } from './component-suite.ts';
import { REACT_COMPONENTS } from './components.ts';

// Two files so the e2e project's two workers run the components in parallel.
describe('real OTP components from npm: input-otp, react-otp-input, Mantine, antd, Radix, react-verification-input', () => {
  componentSuite(REACT_COMPONENTS);
});
