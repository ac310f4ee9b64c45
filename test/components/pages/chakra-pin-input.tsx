import { ChakraProvider, defaultSystem, PinInput } from '@chakra-ui/react';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** Chakra UI v3 PinInput (zag-js state machine; a visually hidden, aria-hidden input holds the whole value). */
mountReact(
  <ChakraProvider value={defaultSystem}>
    <PinInput.Root count={6} otp onValueChange={(details) => report(details.valueAsString)}>
      <PinInput.HiddenInput />
      <PinInput.Control>
        {[0, 1, 2, 3, 4, 5].map((index) => (
          <PinInput.Input key={index} index={index} />
        ))}
      </PinInput.Control>
    </PinInput.Root>
  </ChakraProvider>,
);
