import { render, screen } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { GuidancePanel } from "./GuidancePanel";

const javascript = { language: "java_script" as const, name: "JavaScript", before: "jwt.sign(...)", after: "fetch(tokenUrl)" };

describe("Migration guidance", () => {
  it("adds the Secret Token check where the scan found the deprecated Verification Token", () => {
    render(<GuidancePanel guidance={[{ ...javascript, webhook: "const SECRET_TOKEN = process.env.ZOOM_WEBHOOK_SECRET_TOKEN;" }]} />);
    expect(screen.getByTestId("migrate-guidance-webhook").textContent).toContain("verify x-zm-signature with the Secret Token");
    expect(screen.getByTestId("migrate-guidance-webhook").textContent).toContain("ZOOM_WEBHOOK_SECRET_TOKEN");
  });

  it("says nothing about webhooks otherwise", () => {
    render(<GuidancePanel guidance={[{ ...javascript, webhook: null }]} />);
    expect(screen.queryByTestId("migrate-guidance-webhook")).toBeNull();
  });
});
