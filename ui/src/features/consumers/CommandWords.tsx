// A command in full, as it will run: the program, then each argument as one word (spaces and
// quotes kept), so what a consumer runs is seen before it runs.
import type { CommandLine } from "../../ipc";

/** The program and its arguments, a box each. */
export function CommandWords({ command }: { command: CommandLine }) {
  return (
    <span class="command-words" data-testid="command-words">
      {[command.program, ...command.args].map((word, i) => (
        <code key={i} class="command-words__word">
          {word}
        </code>
      ))}
    </span>
  );
}
