// A plain-text Editor with Obsidian's position API (line/ch) and a single selection.

export interface EditorPosition {
  line: number;
  ch: number;
}
export interface EditorRange {
  from: EditorPosition;
  to: EditorPosition;
}

export class Editor {
  private text = "";
  private anchor: EditorPosition = { line: 0, ch: 0 };
  private head: EditorPosition = { line: 0, ch: 0 };
  /** Fake-only: called after every change (MarkdownView saves the file from here). */
  onChange: ((editor: Editor) => void) | null = null;

  constructor(text = "") {
    this.text = text;
  }

  getValue(): string {
    return this.text;
  }

  setValue(content: string): void {
    this.text = content;
    this.anchor = this.head = this.clip(this.head);
    this.changed();
  }

  lineCount(): number {
    return this.text.split("\n").length;
  }

  lastLine(): number {
    return this.lineCount() - 1;
  }

  getLine(line: number): string {
    return this.text.split("\n")[line] ?? "";
  }

  setLine(n: number, text: string): void {
    this.replaceRange(text, { line: n, ch: 0 }, { line: n, ch: this.getLine(n).length });
  }

  getRange(from: EditorPosition, to: EditorPosition): string {
    return this.text.slice(this.posToOffset(from), this.posToOffset(to));
  }

  /** Like CodeMirror: the selection is mapped through the change (before it stays, after it shifts). */
  replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, origin?: string): void {
    void origin;
    const start = this.posToOffset(from);
    const end = to ? this.posToOffset(to) : start;
    const map = (offset: number): number =>
      offset <= start
        ? offset
        : offset >= end
          ? offset + replacement.length - (end - start)
          : start + replacement.length;
    const anchor = map(this.posToOffset(this.anchor));
    const head = map(this.posToOffset(this.head));
    this.text = this.text.slice(0, start) + replacement + this.text.slice(end);
    this.anchor = this.offsetToPos(anchor);
    this.head = this.offsetToPos(head);
    this.changed();
  }

  getCursor(which: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
    const [from, to] = this.ordered();
    const pos = which === "from" ? from : which === "to" ? to : which === "anchor" ? this.anchor : this.head;
    return { ...pos };
  }

  setCursor(pos: EditorPosition | number, ch?: number): void {
    const p = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
    this.anchor = this.head = this.clip(p);
  }

  setSelection(anchor: EditorPosition, head?: EditorPosition): void {
    this.anchor = this.clip(anchor);
    this.head = this.clip(head ?? anchor);
  }

  listSelections(): { anchor: EditorPosition; head: EditorPosition }[] {
    return [{ anchor: { ...this.anchor }, head: { ...this.head } }];
  }

  somethingSelected(): boolean {
    return this.posToOffset(this.anchor) !== this.posToOffset(this.head);
  }

  getSelection(): string {
    const [from, to] = this.ordered();
    return this.getRange(from, to);
  }

  /** The cursor ends after the inserted text, as typing does. */
  replaceSelection(replacement: string, origin?: string): void {
    const [from, to] = this.ordered();
    const end = this.posToOffset(from) + replacement.length;
    this.replaceRange(replacement, from, to, origin);
    this.anchor = this.head = this.offsetToPos(end);
  }

  posToOffset(pos: EditorPosition): number {
    const lines = this.text.split("\n");
    const line = Math.min(Math.max(pos.line, 0), lines.length - 1);
    let offset = 0;
    for (let i = 0; i < line; i++) offset += lines[i].length + 1;
    return offset + Math.min(Math.max(pos.ch, 0), lines[line].length);
  }

  offsetToPos(offset: number): EditorPosition {
    const before = this.text.slice(0, Math.max(0, Math.min(offset, this.text.length))).split("\n");
    return { line: before.length - 1, ch: before[before.length - 1].length };
  }

  focus(): void {}
  blur(): void {}
  hasFocus(): boolean {
    return true;
  }
  refresh(): void {}

  private clip(pos: EditorPosition): EditorPosition {
    return this.offsetToPos(this.posToOffset(pos));
  }

  private ordered(): [EditorPosition, EditorPosition] {
    return this.posToOffset(this.anchor) <= this.posToOffset(this.head)
      ? [this.anchor, this.head]
      : [this.head, this.anchor];
  }

  private changed(): void {
    this.onChange?.(this);
  }
}
