/// <reference types="vitest/config" />
// Vite serves and builds the UI; Vitest runs its unit tests in happy-dom.
// Port 1420 is what tauri.conf.json's devUrl expects; strictPort so a clash is loud.
import { defineConfig } from "vite";

export default defineConfig({
  clearScreen: false,
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // The window's CSP forbids inline scripts and styles; keep every asset a file.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup.ts"],
  },
});
