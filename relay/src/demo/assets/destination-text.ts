import type { Channel } from '@otp-relay/shared';

export interface DestinationText {
  label: string;
  type: 'tel' | 'email';
  autocomplete: 'tel' | 'email';
  placeholder: string;
  hint: string;
}

/**
 * What the destination field asks for on each channel. One table for both sides: the server renders the page
 * with it and the page script re-labels the field with it when the seller switches channel.
 */
export const DESTINATION_TEXT: Record<Channel, DestinationText> = {
  sms: {
    label: 'Phone number',
    type: 'tel',
    autocomplete: 'tel',
    placeholder: '+1 415 555 0123',
    hint: 'Include the country code, e.g. +1 for the US or +44 for the UK.',
  },
  email: {
    label: 'Email address',
    type: 'email',
    autocomplete: 'email',
    placeholder: 'you@example.com',
    hint: "We'll send a 6-digit code to this address.",
  },
};
