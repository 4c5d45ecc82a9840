// Focus for an element that appears: a stable ref callback, so it runs when the element mounts
// and never again on a re-render (an inline one would steal the focus back each time).

/** Focuses an element when it first appears. */
export const focusOnMount = (element: HTMLElement | null) => element?.focus();
