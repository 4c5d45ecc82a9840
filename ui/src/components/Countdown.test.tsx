import { act, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Countdown } from "./Countdown";

afterEach(() => vi.useRealTimers());

describe("Countdown", () => {
  it("ticks down every second and then says expired", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(1_700_000_000_000));
    render(<Countdown untilUnix={1_700_000_000 + 3} />);
    expect(screen.getByTestId("expiry-countdown").textContent).toBe("0:03");
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByTestId("expiry-countdown").textContent).toBe("0:02");
    act(() => void vi.advanceTimersByTime(3000));
    expect(screen.getByTestId("expiry-countdown").textContent).toBe("expired");
  });
});
