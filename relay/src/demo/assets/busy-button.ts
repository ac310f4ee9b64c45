/**
 * One request at a time per page: while it runs, its button says what is happening (aria-busy, a label such
 * as "Sending…") and the other actions wait. `onIdle` restores whatever the page derives from the busy flag.
 */
export function createBusy(onIdle: () => void) {
  let active = false;
  return {
    get active() {
      return active;
    },
    async run<T>(button: HTMLButtonElement, label: string | null, work: () => Promise<T>): Promise<T> {
      active = true;
      const before = button.textContent;
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      if (label) button.textContent = label;
      try {
        return await work();
      } finally {
        active = false;
        if (label) button.textContent = before;
        button.removeAttribute('aria-busy');
        button.disabled = false;
        onIdle();
      }
    },
  };
}
