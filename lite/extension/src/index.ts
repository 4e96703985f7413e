// The JupyterLite plugin that registers the course kernel under the name the notebooks ask for, so
// that a lesson opens on it as it does in JupyterLab, and makes the toolbar's interrupt reach it;
// and two small ones for the page: a cell executor that never drops a cell run before its notebook
// has a kernel, and formulas typeset as they come near the screen.
import { INotebookCellExecutor, runCell } from "@jupyterlab/notebook";
import { ILatexTypesetter } from "@jupyterlab/rendermime";
import type { ServiceManager } from "@jupyterlab/services";
import { IKernelClient, IKernelSpecs } from "@jupyterlite/services";
import { COURSE_DISPLAY_NAME, NOTEBOOK_KERNEL } from "../../../kernel/names.js";
import { waitingExecutor } from "./cell-executor.js";
import { adoptEarlyEngine, warmEngine } from "./engine.js";
import { CourseKernel, startMessage } from "./kernel.js";
import { typesetWhenNear } from "./math-when-near.js";
import { keepForOffline } from "./offline.js";

// webpack's public path: the URL of this extension's static/ folder on the site.
declare const __webpack_public_path__: string;

/** Where the site serves the engine bundle: beside this extension's own files (see cli/site.ts). */
function engineUrl(): string {
  return new URL("engine/engine.js", new URL(__webpack_public_path__, location.href)).href;
}

/** How long after the page's start the offline copy waits, so as not to slow a first cell. */
const SETTLE_MS = 2000;

/**
 * The folder of the notebook the page's address opens (`lab/?path=zh-TW/01-….ipynb` gives
 * "zh-TW"), as JupyterLite's sessions give it to the kernel they start: "" for the top folder.
 */
function openedFolder(): string {
  const path = openedPath();
  return path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
}

/**
 * JupyterLite's kernel client interrupts by cancelling the cells still queued; the running cell is
 * left to finish, which an endless loop never does. Our kernels are stopped first.
 */
function interruptOurs(client: IKernelClient, ours: Map<string, CourseKernel>): void {
  const interrupt = client.interrupt.bind(client);
  client.interrupt = (id: string) => {
    const cancelled = interrupt(id); // reads the kernel's ready promise before it is replaced
    ours.get(id)?.interrupt();
    return cancelled;
  };
}

/**
 * The engine for the notebook the page's address opens: the one the page started as it loaded
 * (lite/site/warm-engine.js), or one started now; the first kernel made in its folder takes it.
 */
const firstEngine =
  adoptEarlyEngine(engineUrl()) ?? warmEngine(engineUrl(), startMessage(openedFolder()));

/** What of JupyterLab's application the plugin uses. */
interface App {
  restored?: Promise<void>;
  serviceManager?: Pick<ServiceManager.IManager, "contents" | "sessions">;
}

/** The notebook the page's address opens (`lab/?path=…`), or "" if none. */
function openedPath(): string {
  return (new URLSearchParams(location.search).get("path") ?? "").replace(/^\/+/, "");
}

/**
 * Starts the session of the notebook the page's address opens, when it is a notebook on the
 * course kernel, as JupyterLab would once it has shown the notebook: the notebook then finds its
 * kernel started (JupyterLab joins a running session on the same path) instead of making it only
 * after its cells have been drawn.
 */
async function startOpenedSession(app: App): Promise<void> {
  const path = openedPath();
  const services = app.serviceManager;
  if (!services || !path.endsWith(".ipynb")) return;
  await services.sessions.ready;
  if ([...services.sessions.running()].some((session) => session.path === path)) return;
  const file = await services.contents.get(path, { content: true });
  const kernel = (file.content as { metadata?: { kernelspec?: { name?: string } } } | null)
    ?.metadata?.kernelspec?.name;
  if (kernel !== NOTEBOOK_KERNEL) return;
  const name = path.slice(path.lastIndexOf("/") + 1);
  await services.sessions.startNew({ path, name, type: "notebook", kernel: { name: kernel } });
}

const plugin = {
  id: "@attention-from-zero/lite-kernel:kernel",
  description: "The course's TypeScript kernel, running in a Web Worker.",
  autoStart: true,
  requires: [IKernelSpecs, IKernelClient],
  activate: (app: App, specs: IKernelSpecs, client: IKernelClient): void => {
    // the offline copy waits until the page and its first engine have loaded, not to slow them
    const loaded = firstEngine.ready.catch(() => {});
    void Promise.all([app.restored, loaded]).then(() =>
      setTimeout(() => void keepForOffline(), SETTLE_MS),
    );
    const ours = new Map<string, CourseKernel>();
    interruptOurs(client, ours);
    // A lesson starts its engine (a worker that loads TypeScript and mathjs) when it is first asked
    // something (a cell run, a completion), not when its kernel is made: the lessons JupyterLab
    // restores from the last visit behind other tabs would each load one while the page starts.
    // The first kernel made is the one of the notebook the address opens (startOpenedSession,
    // below), and starts at once; so does a kernel made again under an id already seen, a restart.
    // A lesson opened later usually takes the engine the page keeps warm (engine.ts).
    const seen = new Set<string>();
    specs.register({
      spec: {
        name: NOTEBOOK_KERNEL,
        display_name: COURSE_DISPLAY_NAME,
        language: "typescript",
        argv: [],
        resources: {},
      },
      create: async (options) => {
        const asleep = seen.size > 0 && !seen.has(options.id);
        seen.add(options.id);
        const kernel = new CourseKernel(options, engineUrl(), asleep);
        ours.set(kernel.id, kernel);
        kernel.disposed.connect(() => {
          if (ours.get(kernel.id) === kernel) ours.delete(kernel.id);
        });
        return kernel;
      },
    });
    // a missing or unreadable notebook is JupyterLab's to report as it opens it
    startOpenedSession(app).catch(() => {});
  },
};

/**
 * JupyterLab's cell executor, but a cell run before its notebook has joined its kernel waits for it
 * (cell-executor.ts). The site disables JupyterLab's own executor plugin in jupyter-lite.json.
 */
const cellExecutorPlugin = {
  id: "@attention-from-zero/lite-kernel:cell-executor",
  description: "Runs a cell started before its notebook has a kernel once it has, not never.",
  autoStart: true,
  provides: INotebookCellExecutor,
  activate: (): INotebookCellExecutor => waitingExecutor(runCell),
};

/** A lesson's formulas typeset as they come near the screen, not all as it opens (math-when-near.ts). */
const mathWhenNearPlugin = {
  id: "@attention-from-zero/lite-kernel:math-when-near",
  description: "Typesets a lesson's formulas as they come near the screen.",
  autoStart: true,
  requires: [ILatexTypesetter],
  activate: (_app: App, typesetter: ILatexTypesetter): void => typesetWhenNear(typesetter),
};

export default [plugin, cellExecutorPlugin, mathWhenNearPlugin];
