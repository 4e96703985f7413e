// kernel_info_reply: who this kernel is and which language it speaks.
import { LANGUAGE_INFO } from "./spec.js";

export function kernelInfo() {
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "attention-from-zero",
    implementation_version: "0.1.0",
    language_info: LANGUAGE_INFO,
    banner:
      "TypeScript (Attention from Zero): tslab's compiler with rich results for mathjs matrices",
    help_links: [{ text: "mathjs", url: "https://mathjs.org/docs/" }],
  };
}
