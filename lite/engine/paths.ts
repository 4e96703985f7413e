// POSIX paths for the in-memory file system: what tslab's converter asks of node's path module.

/** `path` with "." and ".." segments resolved and duplicate slashes removed. */
export function normalize(path: string): string {
  const absolute = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part !== ".." || !absolute) parts.push(part);
  }
  const joined = parts.join("/");
  return absolute ? `/${joined}` : joined || ".";
}

/** The paths joined with "/" and normalized. */
export function join(...paths: string[]): string {
  return normalize(paths.filter((p) => p !== "").join("/"));
}

/** The folder of `path`. */
export function dirname(path: string): string {
  const at = normalize(path).lastIndexOf("/");
  if (at < 0) return ".";
  return at === 0 ? "/" : path.slice(0, at);
}

/** The extension of `path`'s last segment, with its dot, or "". */
export function extname(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

/** The path from `from` to `to` (both absolute). */
export function relative(from: string, to: string): string {
  const a = normalize(from).split("/").filter(Boolean);
  const b = normalize(to).split("/").filter(Boolean);
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return [...a.slice(same).map(() => ".."), ...b.slice(same)].join("/");
}

/** `path` made absolute against "/". */
export function resolve(...paths: string[]): string {
  let out = "";
  for (const p of paths) out = p.startsWith("/") ? p : `${out}/${p}`;
  return normalize(out.startsWith("/") ? out : `/${out}`);
}

/** The separator of path segments. */
export const sep = "/";
/** The separator of paths in a list (as in PATH). */
export const delimiter = ":";
/** The module as `import path from "path"` gives it (tslab's converter imports it so). */
export const posix = { normalize, join, dirname, extname, relative, resolve, sep, delimiter };
export default posix;
