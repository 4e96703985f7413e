// kernel_info_reply: who this kernel is and which language it speaks.
import { languageInfo } from "./names.js";
import { typescriptVersion } from "./tslab.js";

export function kernelInfo() {
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "attention-from-zero",
    implementation_version: "0.1.0",
    language_info: languageInfo(typescriptVersion),
    banner:
      "TypeScript (Attention from Zero): tslab's compiler with rich results for mathjs matrices",
    help_links: [{ text: "mathjs", url: "https://mathjs.org/docs/" }],
  };
}
