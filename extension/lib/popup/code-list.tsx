import { fillVerdict, type PageAt } from '../fill-rules.ts';
import { CodeRow } from './code-row.tsx';
import type { CodeGroup, CodeView } from './code-view.ts';

const fillsHere = (view: CodeView, activePage: PageAt) => fillVerdict(view.code, activePage).ok;

interface CodeListProps {
  groups: CodeGroup[];
  activePage: PageAt | null | undefined;
  onCopy: (code: string) => void;
  onFill: (messageId: string, confirmed: boolean) => void;
}

function title(group: CodeGroup): string {
  if (group.kind === 'unbound') return 'Not tied to a site';
  return group.key;
}

/** Codes grouped by the site they are for, newest first. */
export function CodeList({ groups, activePage, onCopy, onFill }: CodeListProps) {
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
            {group.kind !== 'unbound' && activePage && group.codes[0] && fillsHere(group.codes[0], activePage) && (
              <span className="code-group__here"> · this tab</span>
            )}
          </h2>
          <ul className="code-group__list">
            {group.codes.map((view) => (
              <CodeRow key={view.code.messageId} view={view} activePage={activePage} onCopy={onCopy} onFill={onFill} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
