import { describe } from 'vitest';
import { componentSuite } from './component-suite.ts';
import { MORE_COMPONENTS } from './components.ts';

describe('real OTP components from npm: MUI, Chakra UI v3, Vuetify, vue3-otp-input', () => {
  componentSuite(MORE_COMPONENTS);
});
