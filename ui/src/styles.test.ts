// The stylesheet's colours come only from the design tokens in its :root blocks, so the dark
// theme is one block of token values and nothing can be left light by mistake.
import { describe, expect, it } from "vitest";
import css from "./styles.css?raw";
const COLOUR = /#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/g;
/** `:root { … }` (light) and `:root[data-theme="dark"] { … }`. */
const TOKEN_BLOCK = /:root(?:\[data-theme="dark"\])?\s*\{([^}]*)\}/g;

/** The stylesheet without its `:root { … }` token blocks. */
function outsideTokens(text: string): string {
  return text.replace(TOKEN_BLOCK, "");
}

describe("styles.css", () => {
  it("uses colours only through custom properties", () => {
    expect(outsideTokens(css).match(COLOUR) ?? []).toEqual([]);
  });

  it("gives the dark theme a value for every colour token", () => {
    const blocks = [...css.matchAll(TOKEN_BLOCK)].map((m) => m[1] ?? "");
    const names = (block: string) => new Set([...block.matchAll(/(--[a-z-]+):\s*(?:#|rgba?\()/g)].map((m) => m[1]));
    const [light, dark] = [names(blocks[0] ?? ""), names(blocks[1] ?? "")];
    const missing = [...light].filter((n) => !dark.has(n) && n !== "--nav-hover" && n !== "--nav-strong");
    expect(missing).toEqual([]);
  });
});
