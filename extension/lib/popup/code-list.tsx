import { fillVerdict } from '../fill-rules.ts';
import { CodeRow } from './code-row.tsx';
import type { CodeGroup, CodeView } from './code-view.ts';

const fillsHere = (view: CodeView, activeOrigin: string) => fillVerdict(view.code, activeOrigin).ok;

interface CodeListProps {
  groups: CodeGroup[];
  activeOrigin: string | null | undefined;
  onCopy: (code: string) => void;
  onFill: (messageId: string, confirmed: boolean) => void;
}

function title(group: CodeGroup): string {
  if (group.kind === 'unbound') return 'Not tied to a site';
  return group.key;
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
          key={`${group.kind}:${group.key}`}
          className="code-group"
          data-testid="code-group"
          data-kind={group.kind}
          data-origin={group.kind === 'origin' ? group.key : undefined}
          data-site={group.kind === 'site' ? group.key : undefined}
          aria-label={group.kind === 'unbound' ? 'Codes not tied to a site' : `Codes for ${group.key}`}
        >
          <h2 className="code-group__origin">
            {title(group)}
            {group.kind !== 'unbound' && activeOrigin && group.codes[0] && fillsHere(group.codes[0], activeOrigin) && (
              <span className="code-group__here"> · this tab</span>
            )}
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
