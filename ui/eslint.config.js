// Lint for the UI: ESLint's and typescript-eslint's recommended rules, and the rules of hooks
// (dependencies included). Generated bindings are checked by their generator, not here.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "src/ipc/bindings.ts", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // The reference receivers are Node programs to copy (CommonJS, as most Express apps are).
    files: ["src/features/webhooks/receivers/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", process: "readonly", Buffer: "readonly", console: "readonly", setImmediate: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/flow/**/*.mjs"],
    languageOptions: {
      globals: { window: "readonly", document: "readonly", getComputedStyle: "readonly", console: "readonly", process: "readonly", Event: "readonly" },
    },
  },
);
