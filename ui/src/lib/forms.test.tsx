import { fireEvent, render, screen } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { enterClicksDefault, keepOnPage } from "./forms";

describe("Enter in a form", () => {
  it("clicks the form's first enabled submit button from any single-line field, a number field's too", () => {
    const save = vi.fn();
    const other = vi.fn();
    render(
      <form onSubmit={keepOnPage} onKeyDown={enterClicksDefault}>
        <input type="number" data-testid="number" />
        <textarea data-testid="notes" />
        <button type="button" onClick={other}>
          Choose…
        </button>
        <button type="submit" disabled onClick={other}>
          Disabled
        </button>
        <button type="submit" onClick={save}>
          Save
        </button>
      </form>,
    );
    fireEvent.keyDown(screen.getByTestId("number"), { key: "Enter" });
    expect(save).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByTestId("notes"), { key: "Enter" });
    expect(save).toHaveBeenCalledTimes(1); // a line break in a text area, not a submit
    expect(other).not.toHaveBeenCalled();
  });
});
