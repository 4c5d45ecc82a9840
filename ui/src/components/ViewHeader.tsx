// The title block at the top of every view.
import type { ComponentChildren } from "preact";

export function ViewHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <header class="view-header">
      {/* Focusable by script only: a new view puts focus here (App's useOpenAtTop). */}
      <h1 data-testid="view-title" tabIndex={-1}>
        {title}
      </h1>
      {children && <p class="view-header__lead">{children}</p>}
    </header>
  );
}
