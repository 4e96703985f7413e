// The files the engine's bundle carries, made by lite/build-engine.ts and handed to esbuild as
// this virtual module (there is no such file on disk).
declare module "lite-engine-files" {
  const files: {
    /** TypeScript's lib files and every declaration file, by absolute path in the in-memory file system. */
    declarations: Record<string, string>;
    /** The library and course modules as the Node kernel runs them (CommonJS, by tslab), by path under the notebook folder ("src/index.js"). */
    modules: Record<string, string>;
    /** The names mathjs's main module exports, in its order. */
    mathjsNames: string[];
  };
  export default files;
}
