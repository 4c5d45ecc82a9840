import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { answerIpc } from "../../test/setup";
import { LinkedText, splitLinks } from "./LinkedText";

describe("LinkedText", () => {
  it("makes Zoom's web addresses links and leaves the sentence's full stop outside", () => {
    expect(splitLinks("See https://developers.zoom.us/docs/internal-apps/create/. Then retry.")).toEqual([
      { text: "See ", url: false },
      { text: "https://developers.zoom.us/docs/internal-apps/create/", url: true },
      { text: ". Then retry.", url: false },
    ]);
    expect(splitLinks("Open https://marketplace.zoomgov.com")).toEqual([
      { text: "Open ", url: false },
      { text: "https://marketplace.zoomgov.com", url: true },
    ]);
  });

  it("leaves other addresses as text", () => {
    for (const text of ["http://zoom.us/ and https://example.com/zoom.us/", "https://developers.zoom.us.evil.example/x"])
      expect(splitLinks(text)).toEqual([{ text, url: false }]);
  });

  it("opens a link in the system browser through the backend", async () => {
    const calls = answerIpc({ open_external: () => null });
    render(<LinkedText text="Activate it at https://marketplace.zoom.us/develop/create" />);
    fireEvent.click(screen.getByRole("link"));
    await waitFor(() => expect(calls).toContainEqual({ cmd: "open_external", args: { url: "https://marketplace.zoom.us/develop/create" } }));
  });
});
