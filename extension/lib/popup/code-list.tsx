import { CodeRow } from './code-row.tsx';
import type { CodeGroup } from './code-view.ts';

interface CodeListProps {
  groups: CodeGroup[];
  activeOrigin: string | null | undefined;
  onCopy: (code: string) => void;
  onFill: (messageId: string) => void;
}

/** Codes grouped by the site they are for, newest first. */
export function CodeList({ groups, activeOrigin, onCopy, onFill }: CodeListProps) {
  if (groups.length === 0) {
    return (
      <p className="empty" data-testid="empty-state">
        No codes yet. When a site sends you a verification code, it shows up here.
      </p>
    );
  }
  return (
    <div className="code-groups">
      {groups.map((group) => (
        <section
          key={group.origin}
          className="code-group"
          data-testid="code-group"
          data-origin={group.origin}
          aria-label={`Codes for ${group.origin}`}
        >
          <h2 className="code-group__origin">
            {group.origin}
            {group.origin === activeOrigin && <span className="code-group__here"> · this tab</span>}
          </h2>
          <ul className="code-group__list">
            {group.codes.map((view) => (
              <CodeRow
                key={view.code.messageId}
                view={view}
                activeOrigin={activeOrigin}
                onCopy={onCopy}
                onFill={onFill}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
