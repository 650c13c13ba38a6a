// The `cairn` executable: the only place that exits the process.
import { runCli } from "./run-cli.js";

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exit(code);
