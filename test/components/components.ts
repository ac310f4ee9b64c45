import type { Component } from './component-page.ts';

/**
 * The real OTP components of the e2e suite (pages/<name>), in two halves: one test file each, so the e2e
 * project's two workers run them side by side. bench/autofill-components.ts times a fill on each.
 */
export const REACT_COMPONENTS: Component[] = [
  { name: 'input-otp', firstBox: '[data-input-otp]' },
  { name: 'react-otp-input', firstBox: '#component input' },
  { name: 'mantine-pin-input', firstBox: '#component input:not([type=hidden])' },
  { name: 'antd-input-otp', firstBox: '#component input' },
  { name: 'radix-one-time-password-field', firstBox: '#component input:not([type=hidden])' },
  { name: 'react-verification-input', firstBox: '#component input' },
];

export const MORE_COMPONENTS: Component[] = [
  { name: 'mui-otp-input', firstBox: '#component input' },
  { name: 'chakra-pin-input', firstBox: '#component input[data-index="0"]' },
  { name: 'vuetify-otp-input', firstBox: '#component .v-field' },
  { name: 'vue3-otp-input', firstBox: '#component input' },
];
