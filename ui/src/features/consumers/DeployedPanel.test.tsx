import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { profile, profileList } from "../../../test/fixtures";
import { answerIpc } from "../../../test/setup";
import type { Consumer, ProfileEntry } from "../../ipc";
import { DeployedPanel } from "./DeployedPanel";

const vault: Consumer = {
  id: "c1",
  label: "Vault",
  target: { kind: "command", command: { program: "vault", args: ["kv", "put", "secret/zoom", "client secret=-"] } },
  check: { program: "sh", args: ["-c", "test ok"] },
  timeout_secs: 30,
};

function entry(consumers: Consumer[]): ProfileEntry {
  return profileList([profile("Reporting", { consumers })]).profiles[0] as ProfileEntry;
}

describe("Where it's deployed", () => {
  it("shows a typed command word by word before it is saved, and saves what was shown", async () => {
    const calls = answerIpc({
      parse_command: (args) => {
        if (String(args.text).includes("'unclosed")) throw { kind: "failed", message: "a single quote is not closed", hint: null };
        return { program: "vault", args: ["kv", "put", "secret/zoom", "client secret=-"] };
      },
      add_consumer: (args) => ({ ...vault, ...(args.draft as object) }),
      list_profiles: () => profileList([profile("Reporting", { consumers: [vault] })]),
    });
    render(<DeployedPanel profile={entry([])} />);
    expect(screen.getByTestId("deployed-none")).toBeTruthy();
    fireEvent.click(screen.getByTestId("consumer-add-command"));
    fireEvent.input(screen.getByTestId("consumer-label"), { target: { value: "Vault" } });
    fireEvent.input(screen.getByTestId("consumer-command"), { target: { value: "vault kv put 'unclosed" } });
    expect((await screen.findByRole("alert")).textContent).toContain("not closed");
    expect((screen.getByTestId("consumer-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(screen.getByTestId("consumer-command"), { target: { value: "vault kv put secret/zoom 'client secret=-'" } });
    const words = await screen.findByTestId("consumer-command-words");
    expect([...words.querySelectorAll("code")].map((w) => w.textContent)).toEqual(["vault", "kv", "put", "secret/zoom", "client secret=-"]);
    fireEvent.click(screen.getByTestId("consumer-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_consumer")).toBe(true));
    expect(calls.find((c) => c.cmd === "add_consumer")?.args).toEqual({
      id: "id-Reporting",
      draft: { label: "Vault", target: { kind: "command", command: vault.target.kind === "command" && vault.target.command }, check: null, timeout_secs: null },
    });
  });

  it("finds a project's client secrets and adds one as a file; runs a check; removes after asking", async () => {
    const calls = answerIpc({
      find_secret_settings: () => [
        { path: "/srv/bot/.env", setting: "ZOOM_CLIENT_SECRET", line: 2, writable: true },
        { path: "/srv/bot/k8s/deploy.yaml", setting: "ZOOM_CLIENT_SECRET", line: 9, writable: false },
      ],
      add_consumer: (args) => ({ ...vault, ...(args.draft as object) }),
      check_consumer: () => ({ passed: false, summary: "exited with status 1: sealed", run: { outcome: "failed", code: 1, output: "sealed" } }),
      remove_consumer: () => profile("Reporting"),
      list_profiles: () => profileList([profile("Reporting")]),
    });
    render(<DeployedPanel profile={entry([vault])} />);
    fireEvent.click(screen.getByTestId("consumer-run-check"));
    expect((await screen.findByTestId("consumer-check-result")).textContent).toBe("Check failed — exited with status 1: sealed");

    fireEvent.click(screen.getByTestId("consumer-add-project"));
    fireEvent.input(screen.getByTestId("consumer-project"), { target: { value: "/srv/bot" } });
    fireEvent.click(screen.getByTestId("consumer-find"));
    const adds = await screen.findAllByTestId("consumer-found-add");
    expect(adds.map((b) => (b as HTMLButtonElement).disabled)).toEqual([false, true]);
    fireEvent.click(adds[0] as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_consumer")).toBe(true));
    expect(calls.find((c) => c.cmd === "add_consumer")?.args.draft).toEqual({
      label: ".env",
      target: { kind: "file", path: "/srv/bot/.env", setting: "ZOOM_CLIENT_SECRET" },
      check: null,
      timeout_secs: null,
    });

    fireEvent.click(screen.getByTestId("consumer-remove"));
    expect(calls.some((c) => c.cmd === "remove_consumer")).toBe(false);
    fireEvent.click(screen.getByTestId("consumer-remove-confirm-yes"));
    await waitFor(() => expect(calls.find((c) => c.cmd === "remove_consumer")?.args).toEqual({ id: "id-Reporting", consumerId: "c1" }));
  });
});
