// Formulas are typeset as they come near the screen, not all as the lesson opens.
//
// JupyterLab typesets the LaTeX of every Markdown cell as it renders it, so a lesson of forty cells
// has MathJax lay out every formula, most of them far below the screen, in the very second the
// learner wants to run the first cell. Here the page's typesetter is asked to typeset an element
// only once it is within a screen's height of the viewport; and every element still waiting is
// typeset before the page prints, so a printed lesson has all its formulas.
import type { ILatexTypesetter } from "@jupyterlab/rendermime";

/** How near the viewport an element must come to be typeset: a screen's height above or below. */
export const NEAR = "100% 0px";

/** Makes `typesetter` typeset each element it is given once the element comes near the viewport. */
export function typesetWhenNear(typesetter: ILatexTypesetter): void {
  const typesetNow = typesetter.typeset.bind(typesetter);
  const waiting = new Set<HTMLElement>();
  const typeset = (element: HTMLElement): void => {
    observer.unobserve(element);
    waiting.delete(element);
    void Promise.resolve(typesetNow(element)).catch((error: unknown) => console.error(error));
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) typeset(entry.target as HTMLElement);
    },
    { rootMargin: NEAR },
  );
  const beforePrint = (): void => [...waiting].forEach(typeset);
  typesetter.typeset = (element: HTMLElement): void => {
    // an element rendered again while it waits is typeset once, with what it then holds
    waiting.add(element);
    observer.observe(element);
  };
  addEventListener("beforeprint", beforePrint);
}
