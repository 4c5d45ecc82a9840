import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { answerIpc } from "../../../test/setup";
import { profile } from "../../../test/fixtures";
import { TokenView } from "./TokenView";

describe("Test token", () => {
  it("offers the way back to the list when the profile is gone", async () => {
    answerIpc({
      list_profiles: () => ({ profiles: [profile("Prod")], keychain: "memory", notice: null, keychain_problem: null }),
      test_profile: () => {
        throw { kind: "profile_not_found", message: "no profile with id id-Prod", hint: "Reload the profile list." };
      },
    });
    const go = vi.fn();
    render(<TokenView subject="id-Prod" go={go} />);
    const test = await screen.findByTestId("token-test");
    await waitFor(() => expect((test as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(test);
    fireEvent.click(await screen.findByTestId("back-to-profiles"));
    expect(go).toHaveBeenCalledWith("profiles");
  });
});
