// What the test reads from the page, as a person would see it: overflow, clipped text without a
// tooltip, button labels, computed colours against the theme's variables, one-line rows.

/** A short description of an element for failure messages: tag.class "text". */
function describe(el: Element): string {
  const cls = [...el.classList].slice(0, 2).join(".");
  const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
  return `${el.tagName.toLowerCase()}${cls ? "." + cls : ""} "${text}"`;
}

function visible(el: Element): boolean {
  const rect = el.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== "hidden";
}

function all(root: string, selector: string): HTMLElement[] {
  const base = document.querySelector(root);
  if (!base) throw new Error(`Nothing matched ${root}`);
  return [...base.querySelectorAll<HTMLElement>(selector)].filter(visible);
}

/** Elements that stick out of `root` to the right (the sidebar scrolls sideways, or text runs off). */
function overflow(root: string): string[] {
  const base = document.querySelector<HTMLElement>(root);
  if (!base) throw new Error(`Nothing matched ${root}`);
  const right = base.getBoundingClientRect().right;
  // Text clipped by a box inside the root is not overflow (cutWithoutTooltip judges it).
  const clipped = (el: HTMLElement): boolean => {
    for (let up = el.parentElement; up && up !== base; up = up.parentElement)
      if (getComputedStyle(up).overflowX !== "visible") return true;
    return false;
  };
  const out = all(root, "*")
    .filter((el) => el.getBoundingClientRect().right > right + 0.5 && !clipped(el))
    .map(describe);
  if (base.scrollWidth > base.clientWidth + 0.5)
    out.unshift(`${root} scrolls sideways (${base.scrollWidth} > ${base.clientWidth})`);
  return out;
}

/** The text a tooltip on the element or an ancestor gives (title or aria-label). */
function tooltip(el: HTMLElement): string {
  const holder = el.closest<HTMLElement>("[title], [aria-label]");
  return holder ? `${holder.title} ${holder.getAttribute("aria-label") ?? ""}` : "";
}

/** Text that is cut (ellipsis, hidden overflow, a too-narrow field) and whose whole text no tooltip gives. */
function cutWithoutTooltip(root: string): string[] {
  const out: string[] = [];
  for (const el of all(root, "*")) {
    const style = getComputedStyle(el);
    const field = el.tagName === "INPUT" || el.tagName === "TEXTAREA";
    const clips = field || style.overflowX !== "visible" || style.textOverflow === "ellipsis";
    if (!clips) continue;
    const cutSideways = el.scrollWidth > el.clientWidth + 1;
    const cutDown = field && el.scrollHeight > el.clientHeight + 1;
    if (!cutSideways && !cutDown) continue;
    const text = field ? (el as HTMLInputElement).value : (el.textContent ?? "").trim();
    if (text && !tooltip(el).includes(text)) out.push(describe(el) + (field ? ` value "${text}"` : ""));
  }
  return out;
}

/** Labels of the buttons a person sees, in page order. */
function buttons(root: string): string[] {
  return all(root, "button").map((b) => (b.textContent ?? "").trim() || b.getAttribute("aria-label") || "");
}

/** The colour a theme variable resolves to here, as getComputedStyle writes colours. */
function themeColour(variable: string): string {
  const probe = document.body.createDiv();
  probe.style.setProperty("color", `var(${variable})`);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

function style(selector: string, property: string): string[] {
  return [...document.querySelectorAll<HTMLElement>(selector)].map((el) =>
    getComputedStyle(el).getPropertyValue(property),
  );
}

/** Elements matching `selector` taller than `lines` lines of their own text. */
function tallerThan(selector: string, lines: number): string[] {
  return [...document.querySelectorAll<HTMLElement>(selector)].filter(visible).flatMap((el) => {
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.5;
    const height = el.getBoundingClientRect().height;
    return height > lines * lineHeight + 12 ? [`${describe(el)}: ${Math.round(height)} px`] : [];
  });
}

function texts(selector: string): string[] {
  return [...document.querySelectorAll<HTMLElement>(selector)]
    .filter(visible)
    .map((el) => (el.textContent ?? "").trim());
}

async function click(selector: string, text?: string): Promise<void> {
  const target = [...document.querySelectorAll<HTMLElement>(selector)].find(
    (el) => visible(el) && (text === undefined || (el.textContent ?? "").trim() === text),
  );
  if (!target) throw new Error(`Nothing to click: ${selector}${text === undefined ? "" : ` "${text}"`}`);
  target.click();
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export const checks = { overflow, cutWithoutTooltip, buttons, themeColour, style, tallerThan, texts, click };
