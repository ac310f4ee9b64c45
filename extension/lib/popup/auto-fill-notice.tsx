import { useAutoFillOutcome } from '../hooks/use-auto-fill-outcome.ts';

/** What auto-fill did in this tab without a click: "Filled." or the precise reason it did not (issue 14). */
export function AutoFillNotice() {
  const outcome = useAutoFillOutcome();
  if (!outcome) return null;
  return (
    <p
      className="notice"
      data-testid="auto-fill-outcome"
      data-ok={outcome.ok}
      data-reason={outcome.reason}
      role="status"
      aria-live="polite"
    >
      Auto-fill: {outcome.message}
    </p>
  );
}
