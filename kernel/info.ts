// kernel_info_reply: who this kernel is and which language it speaks.
import { typescriptVersion } from "./tslab.js";

export function kernelInfo() {
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "attention-from-zero",
    implementation_version: "0.1.0",
    language_info: {
      name: "typescript",
      version: typescriptVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      // tslab's setting: gives TypeScript highlighting in both JupyterLab and the classic notebook.
      codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
    },
    banner:
      "TypeScript (Attention from Zero): tslab's compiler with rich results for mathjs matrices",
    help_links: [{ text: "mathjs", url: "https://mathjs.org/docs/" }],
  };
}
