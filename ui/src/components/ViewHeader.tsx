// The title block at the top of every view.
import type { ComponentChildren } from "preact";

export function ViewHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <header class="view-header">
      <h1 data-testid="view-title">{title}</h1>
      {children && <p class="view-header__lead">{children}</p>}
    </header>
  );
}
