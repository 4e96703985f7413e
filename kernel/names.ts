// The course kernel's names and language, in one place for every front end: the Node kernel's
// kernel.json (kernel/spec.ts), its kernel_info_reply (kernel/info.ts) and the in-browser kernel
// of the JupyterLite site (lite/extension/). Nothing here needs Node, so a browser bundle imports it.

/** The kernel name the notebooks ask for; in the project's own Jupyter folder it is the course kernel. */
export const NOTEBOOK_KERNEL = "tslab";

/** The name a learner sees for the course kernel, in JupyterLab and on the JupyterLite site. */
export const COURSE_DISPLAY_NAME = "TypeScript (Attention from Zero)";

/** The language_info of a kernel_info_reply, for a kernel that compiles with TypeScript `version`. */
export function languageInfo(version: string) {
  return {
    name: "typescript",
    version,
    mimetype: "text/typescript",
    file_extension: ".ts",
    pygments_lexer: "typescript",
    // tslab's setting: gives TypeScript highlighting in both JupyterLab and the classic notebook.
    codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
  };
}
