// Enter in a form's field does what its primary button does, in every field: WebKitGTK's own
// "implicit submission" skips some inputs (a number field's Enter never submits there).
// The default button is the form's first enabled submit button, as in HTML.

/** A form's onKeyDown: Enter in a single-line field clicks the form's default button. */
export function enterClicksDefault(e: KeyboardEvent): void {
  const field = e.target;
  if (e.key !== "Enter" || e.defaultPrevented || e.isComposing || !(field instanceof HTMLInputElement)) return;
  if (field.type === "checkbox" || field.type === "radio" || field.type === "button" || field.type === "submit") return;
  e.preventDefault();
  const form = e.currentTarget as HTMLFormElement;
  form.querySelector<HTMLButtonElement>('button[type="submit"]:not(:disabled)')?.click();
}

/** A form's onSubmit: the buttons' own clicks do the work. */
export function keepOnPage(e: Event): void {
  e.preventDefault();
}
