// The course's pictures: what each draws, escaped labels, every label inside the picture, log axes, clear errors.
import { matrix } from "mathjs";
import { describe, expect, it, vi } from "vitest";
import { useLanguage } from "../course/language.js";
import * as notebook from "../course/notebook.js";
import { bars, escapeXml, heatmap, linePlot, overview, textWidth } from "../course/pictures.js";
import { gaussianMatrix, meanLargestWeight, uniformMatrix } from "../course/random.js";
import { fastestTime, timeForms } from "../course/timing.js";
import { words } from "../src/worked-example.js";

interface Label {
  text: string;
  x: number;
  y: number;
  anchor: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Every <text> of a picture with the box it takes up (rotated labels turned by 90°). */
function labels(svg: string): Label[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1] as string;
    const attr = (name: string) => attrs.match(new RegExp(`(?:^| )${name}="([^"]*)"`))?.[1];
    const text = unescape(m[2] as string);
    const x = Number(attr("x"));
    const y = Number(attr("y"));
    const size = Number(attr("font-size") ?? 12);
    const w = textWidth(text, size);
    const anchor = attr("text-anchor") ?? "start";
    const from = anchor === "middle" ? -w / 2 : anchor === "end" ? -w : 0;
    if (attr("transform")?.startsWith("rotate(-90")) {
      return {
        text,
        x,
        y,
        anchor,
        left: x - size,
        right: x + 4,
        top: y - from - w,
        bottom: y - from,
      };
    }
    return {
      text,
      x,
      y,
      anchor,
      left: x + from,
      right: x + from + w,
      top: y - size,
      bottom: y + 4,
    };
  });
}

function viewBox(svg: string): [number, number] {
  const m = svg.match(/viewBox="0 0 ([\d.]+) ([\d.]+)"/);
  expect(m, "a viewBox").not.toBeNull();
  return [Number(m?.[1]), Number(m?.[2])];
}

/** The labels that stick out of the picture, with their boxes; [] when every one fits. */
function outside(svg: string): Label[] {
  const [w, h] = viewBox(svg);
  return labels(svg).filter(
    (l) => l.text !== "" && (l.left < 0 || l.right > w || l.top < 0 || l.bottom > h),
  );
}

const texts = (svg: string) => labels(svg).map((l) => l.text);

describe("escapeXml", () => {
  it("escapeXml() escapes &, <, > and quotes, & first", () => {
    expect(escapeXml(`<a href="x">&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;",
    );
  });
});

describe("bars", () => {
  it("bars() draws one bar per value, with the value above it and the label underneath", () => {
    const svg = bars([2, 1, 0, 1], words);
    expect(svg.match(/<rect [^>]*fill="#3b6fb6"/g)).toHaveLength(4);
    expect(texts(svg)).toEqual(["2", "the", "1", "cat", "0", "sat", "1", "down"]);
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)" fill="#3b6fb6"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights[0]).toBeCloseTo(2 * (heights[1] as number), 5);
  });

  it("bars() keeps every label inside the picture, the tallest bar's value too", () => {
    expect(outside(bars([2, 1, 0, 1], words))).toEqual([]);
    expect(outside(bars([-3, 0.125, 40], ["a long label of many words", "注意力", "x"]))).toEqual(
      [],
    );
    const tall = labels(bars([2, 1, 0, 1], words)).find((l) => l.text === "2");
    expect(tall?.top).toBeGreaterThanOrEqual(0);
  });

  it("bars() escapes its labels and title", () => {
    const svg = bars([1], ["<b>&"], { title: 'say "hi"' });
    expect(svg).toContain("&lt;b&gt;&amp;");
    expect(svg).toContain("say &quot;hi&quot;");
    expect(svg).not.toContain("<b>");
  });

  it("bars() takes a mathjs vector", () => {
    expect(texts(bars(matrix([3, 4]), ["a", "b"]))).toEqual(["3", "a", "4", "b"]);
  });

  it("bars() names what is wrong with bad input", () => {
    expect(() => bars([], [])).toThrow("bars(values, labels) needs at least one value");
    expect(() => bars([1, Number.NaN], ["a", "b"])).toThrow("entry 1 is NaN");
    expect(() => bars([1, 2, 3], ["a", "b"])).toThrow("got 3 values and 2 labels");
    expect(() => bars([[1, 2]], ["a"])).toThrow("needs a vector of numbers");
  });
});

describe("linePlot", () => {
  const growing = [
    {
      name: "slow",
      points: [
        [1, 1],
        [10, 100],
        [100, 10000],
      ] as [number, number][],
    },
    {
      name: "fast",
      points: [
        [1, 0.01],
        [10, 0.1],
        [100, 1],
      ] as [number, number][],
    },
  ];

  it("linePlot() draws a line and a dot per point and a legend entry per series", () => {
    const svg = linePlot(growing, { title: "t", xLabel: "n", yLabel: "ms" });
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(texts(svg)).toEqual(expect.arrayContaining(["t", "n", "ms", "slow", "fast"]));
  });

  it("linePlot() with log axes puts ticks on powers of ten and spaces them evenly", () => {
    const svg = linePlot(growing, { logX: true, logY: true });
    const yTicks = labels(svg).filter((l) => l.anchor === "end");
    expect(yTicks.map((l) => Number(l.text))).toEqual([0.01, 0.1, 1, 10, 100, 1000, 10000]);
    const gaps = yTicks.slice(1).map((l, k) => (yTicks[k] as Label).y - l.y);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0] as number, 0);
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].slice(0, 3).map((m) => Number(m[1]));
    expect((dots[2] as number) - (dots[1] as number)).toBeCloseTo(
      (dots[1] as number) - (dots[0] as number),
      0,
    );
  });

  it("linePlot() on a linear axis ends on a tick at or above the largest value", () => {
    const svg = linePlot([
      {
        name: "a",
        points: [
          [1, 0.4],
          [2, 0.99],
        ],
      },
    ]);
    const yTicks = labels(svg).filter((l) => l.anchor === "end");
    expect(Math.max(...yTicks.map((l) => Number(l.text)))).toBeGreaterThanOrEqual(0.99);
  });

  it("linePlot() keeps every label inside the picture and escapes names", () => {
    const svg = linePlot(
      [
        {
          name: "a <long> & wide series name 注意力",
          points: [
            [4, 123456],
            [8, 0.5],
          ],
        },
      ],
      { title: "A title", subtitle: "machine", xLabel: "x", yLabel: "y label", logY: true },
    );
    expect(svg).toContain("a &lt;long&gt; &amp; wide");
    expect(outside(svg)).toEqual([]);
  });

  it("linePlot() names what is wrong with bad input", () => {
    expect(() => linePlot([])).toThrow("needs at least one series, got none");
    expect(() => linePlot([{ name: "s", points: [] }])).toThrow('series "s" has no points');
    expect(() => linePlot([{ name: "s", points: [[1, Number.NaN]] }])).toThrow(
      'series "s" point 0 is (1, NaN); every point needs finite x and y',
    );
    expect(() => linePlot([{ name: "s", points: [[1, 0]] }], { logY: true })).toThrow(
      "a log axis needs values above 0",
    );
  });
});

describe("heatmap", () => {
  const Aprime = [
    [0.5, 0.25],
    [0.5, 0.75],
  ];

  it("heatmap() labels keys down the side and queries across the top, with the words", () => {
    const svg = heatmap(Aprime, { tokens: ["the", "cat"] });
    expect(texts(svg)).toEqual(
      expect.arrayContaining(["q1 the", "q2 cat", "k1 the", "k2 cat", "0.50", "0.75"]),
    );
    expect(svg.match(/<rect [^>]*stroke="#ccc"/g)).toHaveLength(4);
    expect(JSON.parse(unescape(svg.match(/data-value="([^"]*)"/)?.[1] ?? ""))).toEqual(Aprime);
  });

  it("heatmap() shades by the range and outlines the marked column", () => {
    const svg = heatmap([[0, 3]], { range: [0, 3], rows: ["r"], cols: ["a", "b"], mark: 1 });
    const fills = [...svg.matchAll(/fill="(rgb[^"]*)"/g)].map((m) => m[1]);
    expect(fills).toEqual(["rgb(255,255,255)", "rgb(55,105,255)"]);
    expect(svg).toMatch(/stroke="#d1495b"/);
  });

  it("heatmap() keeps every label inside the picture and escapes them", () => {
    const svg = heatmap(Aprime, {
      rows: ["<key one with a long name>", "k"],
      cols: ["注意力機制", "q"],
      title: "A' & more",
    });
    expect(svg).toContain("&lt;key one");
    expect(svg).toContain("A' &amp; more");
    expect(outside(svg)).toEqual([]);
  });

  it("heatmap() names what is wrong with bad input", () => {
    expect(() => heatmap([])).toThrow("heatmap(M) needs");
    expect(() => heatmap([[1, Number.NaN]])).toThrow("M[0][1] is NaN");
    expect(() => heatmap(Aprime, { rows: ["a"] })).toThrow(
      "M is 2×2, so it needs 2 row labels, got 1",
    );
    expect(() => heatmap("x")).toThrow("needs a matrix of numbers");
  });
});

describe("overview", () => {
  it("overview() draws a_i with its word going in and b_i coming out for every word", () => {
    const svg = overview(words);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        "a1",
        "a4",
        "“the”",
        "“down”",
        "b1",
        "b4",
        "self-attention (Attention 機制)",
      ]),
    );
    expect(texts(svg).filter((t) => /^b\d$/.test(t))).toHaveLength(words.length);
    expect(svg.match(/<line [^>]*stroke="#9db4da"/g)).toHaveLength(words.length ** 2);
  });

  it("overview() writes its box's title with full-width parentheses in the zh-TW edition", () => {
    useLanguage("zh-TW");
    try {
      expect(texts(overview(words))).toContain("self-attention（Attention 機制）");
    } finally {
      useLanguage("en");
    }
  });

  it("overview() keeps every label inside the picture, for one word or many", () => {
    expect(outside(overview(words))).toEqual([]);
    expect(outside(overview(["a very long word indeed"]))).toEqual([]);
    expect(overview(["<&>"])).toContain("&lt;&amp;&gt;");
  });

  it("overview() says it needs words", () => {
    expect(() => overview([])).toThrow("overview(words) needs at least one word, got none");
  });
});

describe("timing and random numbers", () => {
  it("timeForms() gives one series per form, a point per size, each a time above 0", () => {
    const series = timeForms([1, 3], { double: (I) => I.map((r) => r.map((x) => 2 * x)) });
    expect(series.map((s) => s.name)).toEqual(["vector form", "matrix form", "double"]);
    for (const s of series) {
      expect(s.points.map((p) => p[0])).toEqual([1, 3]);
      for (const p of s.points) expect(p[1]).toBeGreaterThan(0);
    }
  });

  it("timeForms() names bad sizes", () => {
    expect(() => timeForms([])).toThrow("needs whole numbers of tokens ≥ 1, got []");
    expect(() => timeForms([4, 0.5])).toThrow("got [4, 0.5]");
  });

  it("fastestTime() calls f until minMs has passed in every round", () => {
    let calls = 0;
    const t = fastestTime(() => calls++, 2, 2);
    expect(calls).toBeGreaterThan(2);
    expect(t).toBeLessThan(2);
  });

  it("gaussianMatrix() and uniformMatrix() give the same numbers for a seed, others for another", () => {
    expect(gaussianMatrix(3, 4, 5)).toEqual(gaussianMatrix(3, 4, 5));
    expect(gaussianMatrix(3, 4, 5)).not.toEqual(gaussianMatrix(3, 4, 6));
    const u = uniformMatrix(20, 50, 1).flat();
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u)).toBeLessThan(1);
    const g = gaussianMatrix(200, 200, 9).flat();
    const variance = g.reduce((s, x) => s + x * x, 0) / g.length;
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
  });

  it("meanLargestWeight() averages each column's largest weight, and names an empty matrix", () => {
    expect(
      meanLargestWeight(
        matrix([
          [0.9, 0.25],
          [0.1, 0.75],
        ]),
      ),
    ).toBeCloseTo(0.825, 12);
    expect(() => meanLargestWeight([])).toThrow("needs a matrix with at least one entry");
  });
});

describe("the notebook's picture calls", () => {
  /** What a call printed outside a notebook, where there is no display to draw on. */
  function printed(call: () => void): string {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      call();
      return log.mock.calls.map((c) => c.join(" ")).join("\n");
    } finally {
      log.mockRestore();
    }
  }

  it("bars(), heatmap(), linePlot() and overview() print their values outside a notebook", () => {
    expect(printed(() => notebook.bars([2, 1], ["the", "cat"]))).toBe("the: 2, cat: 1");
    expect(
      printed(() =>
        notebook.heatmap(
          [
            [1, 0],
            [0, 1],
          ],
          { title: "M" },
        ),
      ),
    ).toContain("M = ");
    expect(printed(() => notebook.heatmap([[1]], ["the"], "A'"))).toContain("A' = ");
    expect(printed(() => notebook.linePlot([{ name: "s", points: [[1, 2]] }]))).toBe("s: (1, 2)");
    expect(printed(() => notebook.overview(["x", "y"]))).toBe("a1 a2 → self-attention → b1 b2");
  });

  it("bars() and heatmap() in a notebook throw the picture's error on bad input", () => {
    expect(() => notebook.bars([1, 2], ["a"])).toThrow("got 2 values and 1 label");
    expect(() => notebook.heatmap([[1, 2]], { rows: ["a", "b"] })).toThrow(
      "needs 1 row label, got 2",
    );
  });
});
