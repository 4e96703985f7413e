// The one thing tslab's converter asks of semver: the major version of node it targets. In the
// worker it targets what the Node kernel does on node 20: ES2022.

/** The major version of a version string such as "v20.20.0". */
function major(version: string): number {
  return Number(/\d+/.exec(version)?.[0] ?? 0);
}

export default { major };
