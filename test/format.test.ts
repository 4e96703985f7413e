// Numbers as the notebooks print them: every entry of one value written the same way.
import { matrix, multiply } from "mathjs";
import { describe, expect, it } from "vitest";
import { entryFormat, format } from "../course/compare.js";
import { labelsFor, matrixHtml, matrixLatex, traceHtml } from "../course/display.js";
import { useLanguage } from "../course/language.js";
import { attendOne, selfAttention } from "../src/index.js";
import { I, inputs, weights } from "../src/worked-example.js";

/** The text of every <td> of an HTML table, in order. */
const cells = (html: string) => [...html.matchAll(/<td>([^<]*)/g)].map((m) => (m[1] ?? "").trim());

describe("entryFormat and format write every entry of a value alike", () => {
  it("format([1, 0.5]) gives 1 as many decimals as 0.5", () => {
    expect(format([1, 0.5])).toBe("[1.0000, 0.5000]");
    expect(
      format(
        [
          [1, 0.25],
          [2, 3],
        ],
        2,
      ),
    ).toBe("[[1.00, 0.25], [2.00, 3.00]]");
  });
  it("format([2, 1, 0, 1]) keeps whole numbers whole", () => {
    expect(format([2, 1, 0, 1])).toBe("[2, 1, 0, 1]");
    expect(format(7)).toBe("7");
  });
  it("entryFormat writes a tiny negative as 0.0000, not -0.0000", () => {
    expect([-1e-17, 0.5].map(entryFormat([-1e-17, 0.5]))).toEqual(["0.0000", "0.5000"]);
  });
});

describe("show's table, LaTeX and trace write every entry alike", () => {
  // the column sums of lesson 5: some come out exactly 1, others 1 ± 1e-16
  const columnSums = multiply(matrix([[1, 1, 1, 1]]), selfAttention(I, weights).Aprime);

  it("matrixHtml(column sums) prints 1.0000 four times, never a bare 1", () => {
    expect(cells(matrixHtml(columnSums, "column sums"))).toEqual([
      "1.0000",
      "1.0000",
      "1.0000",
      "1.0000",
    ]);
  });
  it("matrixHtml and matrixLatex of a matrix of whole numbers print them whole", () => {
    expect(cells(matrixHtml(I, "I"))).toEqual(I.flat().map(String));
    expect(matrixLatex([[1, 0.5]], "M")).toBe(
      "$$M = \\begin{bmatrix} 1.0000 & 0.5000 \\end{bmatrix}$$",
    );
  });
  it("traceHtml writes each weight of a one-hot column with the same decimals", () => {
    const trace = attendOne(0, inputs, weights, {
      mask: [0, 1, 2, 3].map((j) => [0, 1, 2, 3].map(() => j !== 1)),
    });
    const weightCells = cells(traceHtml(trace)).filter((_, k) => k % 4 === 2); // k_j, α, α', v_j per row
    expect(weightCells.every((c) => /^\d\.\d{4}$/.test(c))).toBe(true);
    expect(weightCells[1]).toBe("0.0000"); // the masked key: exactly 0, written like the others
  });
});

describe("matrixHtml shows a vector as one row, captioned in the edition's words", () => {
  it("matrixHtml(vector) has a header row and one row of entries, and its caption says its length", () => {
    const html = matrixHtml([2, 1, 0, 1], "α1");
    expect(html.match(/<tr>/g)?.length).toBe(2);
    expect(cells(html)).toEqual(["2", "1", "0", "1"]);
    expect(html).toContain('<caption style="white-space:nowrap">α1 (length 4)</caption>');
  });

  it("a name's first word picks the labels: A' (causal) has keys down the side, A'ᵀ does not", () => {
    expect(labelsFor("A' (causal)", 2, 2)).toEqual({ rows: ["k1", "k2"], cols: ["q1", "q2"] });
    expect(labelsFor("A'，由 buggyWeights 算出（程式有錯）", 1, 2).cols).toEqual(["q1", "q2"]);
    expect(labelsFor("O from buggyChain (has a bug)", 1, 2).cols).toEqual(["b1", "b2"]);
    expect(labelsFor("A'ᵀ from the library", 1, 2).cols).toEqual(["[0]", "[1]"]);
    expect(labelsFor("Wq·I", 1, 2).cols).toEqual(["[0]", "[1]"]);
  });

  it("in the zh-TW edition, a table's caption is Chinese and a trace keeps the word key", () => {
    useLanguage("zh-TW");
    try {
      expect(matrixHtml([2, 1, 0, 1], "α1")).toContain(">α1（長度 4）</caption>");
      expect(matrixHtml(I, "I")).toContain(">I（3×4）</caption>");
      expect(traceHtml(attendOne(0, inputs, weights))).toContain("<th>key</th>");
    } finally {
      useLanguage("en");
    }
  });
});
