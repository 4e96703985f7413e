// Kernel diagnostics go to the real stderr (Jupyter's log); cells take over process.stderr.write.
import { inspect } from "node:util";

const write = process.stderr.write.bind(process.stderr);

export function kernelLog(...parts: unknown[]): void {
  const text = parts.map((part) => (typeof part === "string" ? part : inspect(part))).join(" ");
  write(`[course kernel] ${text}\n`);
}
