import { CairnError } from "@cairn/core";
import type { CliIo } from "./cli-io.js";

/** The stream passwords come from: io.stdin, else the process's. */
function inputOf(io: CliIo): NonNullable<CliIo["stdin"]> {
  return io.stdin ?? process.stdin;
}

/** True when passwords can be prompted for (stdin is a terminal). */
export function stdinIsTerminal(io: CliIo): boolean {
  return inputOf(io).isTTY === true;
}

/**
 * Reads all of piped stdin as lines (CR LF or LF; the last newline is not a line of its own).
 * Used by --password-stdin, so that the password never appears in argv or shell history.
 */
export async function readStdinLines(io: CliIo, count: number, what: string): Promise<string[]> {
  let text = "";
  for await (const chunk of inputOf(io)) text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
  if (text === "" || lines.length < count || lines.slice(0, count).some((line) => line === "")) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Expected ${what} on stdin${count > 1 ? ", one per line" : ""}, but got ${text === "" ? "nothing" : "an empty line"}.`);
  }
  return lines.slice(0, count);
}

/**
 * Asks each question on stderr and reads the answers from the terminal in raw mode, so that a
 * hidden answer is never echoed; Ctrl-C cancels.
 */
export async function promptTerminal(io: CliIo, questions: readonly { prompt: string; hidden: boolean }[]): Promise<string[]> {
  const input = inputOf(io);
  if (input.isTTY !== true) throw new CairnError("INVALID_PARAMETER_VALUE", "stdin is not a terminal: nothing can be prompted for.");
  const answers: string[] = [];
  let current = "";
  input.setRawMode?.(true);
  io.stderr.write(questions[0]!.prompt);
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = () => {
        input.removeListener("data", onData);
        input.removeListener("end", onEnd);
      };
      const onData = (chunk: Buffer | string) => {
        // One chunk may hold several keystrokes, even several answers (pasted text).
        for (const char of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
          const question = questions[answers.length]!;
          if (char === "\u0003" || (char === "\u0004" && current === "")) {
            io.stderr.write("\n");
            stop();
            return reject(new CairnError("INVALID_PARAMETER_VALUE", "Cancelled: nothing was changed."));
          }
          if (char === "\r" || char === "\n") {
            io.stderr.write("\n");
            answers.push(current);
            current = "";
            if (answers.length === questions.length) {
              stop();
              return resolve();
            }
            io.stderr.write(questions[answers.length]!.prompt);
          } else if (char === "\u007f" || char === "\b") {
            if (current !== "" && !question.hidden) io.stderr.write("\b \b");
            current = [...current].slice(0, -1).join("");
          } else if (char >= " ") {
            current += char;
            if (!question.hidden) io.stderr.write(char);
          }
        }
      };
      // A terminal closed mid-answer (or input that ran out) must not leave the command waiting forever.
      const onEnd = () => {
        stop();
        reject(new CairnError("INVALID_PARAMETER_VALUE", "stdin closed before an answer was given: nothing was changed."));
      };
      input.on("end", onEnd);
      input.on("data", onData);
      input.resume();
    });
  } finally {
    input.setRawMode?.(false);
    input.pause();
  }
  return answers;
}

/** How a command gets a new password: from stdin with --password-stdin, else by prompting twice on a terminal. */
export async function readNewPassword(io: CliIo, fromStdin: boolean, example: string): Promise<string> {
  if (fromStdin) return (await readStdinLines(io, 1, "the password"))[0]!;
  if (!stdinIsTerminal(io)) throw notTerminal(example);
  const [first, second] = await promptTerminal(io, [
    { prompt: "Password: ", hidden: true },
    { prompt: "Repeat password: ", hidden: true },
  ]);
  return checkedPair(first!, second!);
}

/** A password typed twice: both the same and not empty. */
export function checkedPair(first: string, second: string): string {
  if (first === "") throw new CairnError("INVALID_PARAMETER_VALUE", "The password must not be empty.");
  if (first !== second) throw new CairnError("INVALID_PARAMETER_VALUE", "The passwords did not match: nothing was changed. Try again.");
  return first;
}

/** The error for a password needed from a pipe that did not say --password-stdin. */
export function notTerminal(example: string): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", `stdin is not a terminal, so the password cannot be prompted for: pipe it in with --password-stdin, e.g. ${example}`);
}
