import '@mantine/core/styles.css';
import { MantineProvider, PinInput } from '@mantine/core';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** Mantine PinInput: boxes without maxlength, a paste handler on each box, focus moved by the component. */
mountReact(
  <MantineProvider>
    <PinInput length={6} type="number" oneTimeCode onChange={report} />
  </MantineProvider>,
);
