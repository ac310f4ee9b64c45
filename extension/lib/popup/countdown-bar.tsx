import { formatRemaining } from './format-code.ts';

interface CountdownBarProps {
  remainingMs: number;
  /** 0..1 of the lifetime left. */
  fraction: number;
  lifetimeMs: number;
}

/** Time left as a number and as a bar that drains; one progressbar for assistive tech. */
export function CountdownBar({ remainingMs, fraction, lifetimeMs }: CountdownBarProps) {
  const text = formatRemaining(remainingMs);
  const seconds = Math.ceil(remainingMs / 1000);
  // Urgent for the last 30 s, or the last quarter of a shorter life: a 30 s authenticator code is not urgent all along.
  const low = remainingMs > 0 && remainingMs <= Math.min(30_000, lifetimeMs / 4);
  return (
    <div className={`countdown${low ? ' countdown--low' : ''}`}>
      <span className="countdown__time" data-testid="code-remaining" data-seconds={seconds}>
        {remainingMs > 0 ? text : 'expired'}
      </span>
      <div
        className="countdown__track"
        role="progressbar"
        aria-label="Time remaining"
        aria-valuemin={0}
        aria-valuemax={Math.ceil(lifetimeMs / 1000)}
        aria-valuenow={seconds}
        aria-valuetext={remainingMs > 0 ? `${text} remaining` : 'Expired'}
      >
        <div className="countdown__fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
    </div>
  );
}
