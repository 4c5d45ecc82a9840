// Copyable reference receivers: real files (./receivers/), imported as text, so the ones that
// can run here are started by the tests and checked with `s2s webhook test` (tests/receivers/).
import csharp from "./receivers/Program.cs?raw";
import express from "./receivers/express.js?raw";
import flask from "./receivers/flask.py?raw";
import go from "./receivers/main.go?raw";

export type ReferenceReceiver = { id: string; label: string; file: string; code: string };

export const REFERENCE_RECEIVERS: ReferenceReceiver[] = [
  { id: "express", label: "Node.js · Express", file: "receiver.js", code: express },
  { id: "flask", label: "Python · Flask", file: "receiver.py", code: flask },
  { id: "go", label: "Go · net/http", file: "main.go", code: go },
  { id: "csharp", label: "C# · ASP.NET Core", file: "Program.cs", code: csharp },
];
