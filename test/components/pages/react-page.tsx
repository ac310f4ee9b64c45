import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initState, mutateIfAsked } from './page-state.ts';

/** A verification step as a shop's page shows it: a heading, the sentence naming where the code went, the component. */
export function mountReact(component: ReactNode): void {
  initState();
  const root = document.createElement('main');
  document.body.append(root);
  createRoot(root).render(
    <StrictMode>
      <h1>Verify your phone</h1>
      <p>Enter the 6-digit code we sent to +1 •••• 23.</p>
      <div id="component">{component}</div>
    </StrictMode>,
  );
  mutateIfAsked();
}
