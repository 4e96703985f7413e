// Buffers a cell's stdout and stderr and sends them in batches, as ipykernel's iostream does.

/** How long printed text may wait before it is sent: short enough to look live. */
const FLUSH_INTERVAL_MS = 50;
/** A buffer this large is sent at once, so a tight loop of prints still goes out in bounded messages. */
export const FLUSH_SIZE = 64 * 1024;
/**
 * The most text (in UTF-16 units, stdout and stderr together) one cell sends. Past it the cell
 * prints one note saying how much it left out. 2 MiB stays under jupyter_server's default IOPub
 * data rate limit (1 MB/s averaged over 3 s), so a capped flood is not cut again by the server.
 */
export const CELL_OUTPUT_CAP = 2 * 1024 * 1024;

export type StreamName = "stdout" | "stderr";
export type StreamSink = (name: StreamName, text: string) => void;

/**
 * One cell's printed text. Consecutive writes to the same stream are joined; a switch of stream
 * sends what was buffered first, so stdout and stderr keep their relative order.
 */
export class StreamBuffer {
  private name: StreamName = "stdout";
  private pending = "";
  private sent = 0;
  private droppedChars = 0;
  private droppedLines = 0;
  private noted = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  constructor(
    private readonly sink: StreamSink,
    private readonly cap = CELL_OUTPUT_CAP,
  ) {}

  write(name: StreamName, text: string): void {
    if (text === "") return;
    const room = this.cap - this.sent - this.pending.length;
    if (room <= 0) return this.drop(text);
    if (text.length > room) {
      this.drop(text.slice(room));
      text = text.slice(0, room);
    }
    if (name !== this.name) this.flush();
    this.name = name;
    this.pending += text;
    if (this.pending.length >= FLUSH_SIZE) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Sends what is buffered now; called before any other output of the cell so order is kept. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending !== "") {
      const text = this.pending;
      this.pending = "";
      this.sent += text.length;
      this.sink(this.name, text);
    }
    // The note waits for the cell's end, so it comes once, after everything that was shown.
    if (this.ended && this.droppedChars > this.noted) {
      this.noted = this.droppedChars;
      this.sink("stderr", this.note());
    }
  }

  /** The cell has finished: send everything, and the note if output was left out. */
  end(): void {
    this.ended = true;
    this.flush();
  }

  private drop(text: string): void {
    this.droppedChars += text.length;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1))
      this.droppedLines += 1;
    // After the cell's end (a timer printing on) the note comes with the next batch.
    if (this.ended) this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  private note(): string {
    const mib = (this.cap / 1024 / 1024).toFixed(0);
    return (
      `\n[output cut: ${this.droppedChars.toLocaleString("en")} more characters ` +
      `(${this.droppedLines.toLocaleString("en")} lines) were left out; a cell shows at most ${mib} MiB]\n`
    );
  }
}
