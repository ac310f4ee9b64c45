import { saveSettings } from '../settings.ts';

/** Off by default: filling a code never submits a form unless the user asked for that. */
export function SubmitToggle({ checked }: { checked: boolean }) {
  return (
    <section aria-labelledby="submit-heading">
      <h2 id="submit-heading">After filling</h2>
      <label className="toggle">
        <input
          type="checkbox"
          data-testid="submit-after-fill"
          checked={checked}
          onChange={(e) => void saveSettings({ submitAfterFill: e.target.checked })}
        />
        Submit the form after filling a code
      </label>
    </section>
  );
}
