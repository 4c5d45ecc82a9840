import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { answerIpc } from "../../../test/setup";
import { RateLimitPanel } from "./RateLimitPanel";

const exceeded = {
  plan: "pro",
  hosts: 1,
  labels: [
    {
      label: "light",
      per_day: 300,
      budget_per_day: null,
      peak_per_second: 0.01,
      budget_per_second: 30,
      verdict: "fits",
      calls: ["POST /users/{userId}/meetings"],
    },
  ],
  shared: null,
  user_limits: [{ call: "POST /users/{userId}/meetings", per_host_per_day: 300, limit: 100, verdict: "exceeds" }],
  unlabelled: [],
  exceeded: true,
  advice: ["POST /users/{userId}/meetings reaches 300 per host a day against Zoom's 100: spread meetings over more hosts."],
};

describe("Rate limits", () => {
  it("sends the volumes and plan, leaves a blank peak to the core, and shows a verdict per limit", async () => {
    const calls = answerIpc({ plan_rate_limits: () => exceeded });
    render(<RateLimitPanel calls={["POST /users/{userId}/meetings"]} profileId="id-Prod" plan="pro" />);
    expect((screen.getByTestId("rl-plan") as HTMLSelectElement).value).toBe("pro");
    fireEvent.input(screen.getByTestId("rl-per-day"), { target: { value: "300" } });
    fireEvent.click(screen.getByTestId("rl-check"));
    const result = await screen.findByTestId("rl-result");
    expect(result.getAttribute("data-exceeded")).toBe("true");
    expect(screen.getByTestId("rl-user-limit").getAttribute("data-verdict")).toBe("exceeds");
    expect(screen.getByTestId("rl-label").getAttribute("data-verdict")).toBe("fits");
    expect(screen.getByTestId("rl-advice").textContent).toContain("spread meetings over more hosts");
    const sent = calls.find((c) => c.cmd === "plan_rate_limits")?.args as {
      plan: string;
      hosts: number;
      calls: { per_day: number; peak_per_second: number | null }[];
    };
    expect(sent).toMatchObject({ plan: "pro", hosts: 1 });
    expect(sent.calls[0]).toMatchObject({ per_day: 300, peak_per_second: null });
    expect(calls.some((c) => c.cmd === "remember_account_plan")).toBe(false);
  });

  it("remembers the plan on the profile when one is picked", async () => {
    const calls = answerIpc({ remember_account_plan: () => null });
    render(<RateLimitPanel calls={["GET /users"]} profileId="id-Prod" plan={null} />);
    fireEvent.change(screen.getByTestId("rl-plan"), { target: { value: "free" } });
    await waitFor(() => expect(calls).toContainEqual({ cmd: "remember_account_plan", args: { id: "id-Prod", plan: "free" } }));
  });

  it("shows nothing without calls to plan", () => {
    render(<RateLimitPanel calls={[]} />);
    expect(screen.queryByTestId("rate-limits")).toBeNull();
  });
});
