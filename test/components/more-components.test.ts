import { describe } from 'vitest';
import { componentSuite, MORE_COMPONENTS } from './component-suite.ts';

describe('real OTP components from npm: MUI, Chakra UI v3, Vuetify, vue3-otp-input', () => {
  componentSuite(MORE_COMPONENTS);
});
