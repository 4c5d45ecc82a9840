// Entry point: mounts the shell. If even that fails, say so instead of showing a blank window.
import { render } from "preact";
import { App } from "./App";
import { applyRememberedTheme } from "./state/preferences";
import "./styles.css";

// Before the first paint, so a dark theme never flashes light.
applyRememberedTheme();

const root = document.getElementById("app");
if (root) {
  try {
    render(<App />, root);
  } catch (error) {
    root.textContent = `S2S Desk could not draw its window: ${error instanceof Error ? error.message : String(error)}. Restart the app; if this persists, report it.`;
  }
}
