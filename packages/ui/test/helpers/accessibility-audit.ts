import type { Page } from "playwright-core";

/** What the audit found wrong on a page, one readable line per problem. */
export type AuditProblems = string[];

/**
 * Checks the basics on the page as it is shown: every form control has an accessible name,
 * every interactive element is reachable by Tab, and visible text has WCAG AA contrast (4.5:1,
 * 3:1 for large text) against its effective background. Runs in the page on computed styles.
 */
export async function auditAccessibility(page: Page): Promise<AuditProblems> {
  // tsx compiles this file keeping function names through a `__name` helper, which the page's
  // copy of the function below would call: give the page a stand-in.
  await page.evaluate("globalThis.__name ??= (fn) => fn");
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none";
    };

    // Labels: a control's accessible name comes from a <label>, aria-label or aria-labelledby.
    for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
      const el = control as HTMLInputElement;
      const labelled = (el.labels?.length ?? 0) > 0 || el.getAttribute("aria-label")?.trim() || el.getAttribute("aria-labelledby");
      if (!labelled) problems.push(`no label: ${describe(el)}`);
    }
    for (const button of document.querySelectorAll("button")) {
      if (!(button.textContent?.trim() || button.getAttribute("aria-label")?.trim())) problems.push(`button without a name: ${describe(button)}`);
    }

    // Keyboard: interactive elements must not be taken out of the tab order. Roving-tabindex
    // widgets (a tree whose items take focus with the arrow keys) mark themselves with a role.
    for (const el of document.querySelectorAll("a[href], button, input, select, textarea")) {
      if (!visible(el) || (el as HTMLButtonElement).disabled) continue;
      if (el.getAttribute("tabindex") === "-1" && !el.closest("[role=tree], [role=grid], [role=listbox]")) problems.push(`not reachable by Tab: ${describe(el)}`);
    }

    // Contrast, for elements that hold text of their own.
    const rgba = (text: string) => {
      const m = /rgba?\(([^)]+)\)/.exec(text);
      const [r, g, b, a] = (m?.[1] ?? "0,0,0,0").split(",").map((v) => Number(v.trim()));
      return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: a ?? 1 };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const background = (el: Element | null): { r: number; g: number; b: number } => {
      for (let node = el; node; node = node.parentElement) {
        const bg = rgba(getComputedStyle(node).backgroundColor);
        if (bg.a >= 0.95) return bg;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const seen = new Set<string>();
    for (const el of document.querySelectorAll("body *")) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (!ownText || !visible(el) || el.closest("svg, canvas, [aria-hidden=true]")) continue;
      const style = getComputedStyle(el);
      const disabled = (el as HTMLButtonElement).disabled || el.closest("button:disabled");
      if (disabled) continue; // WCAG exempts inactive controls
      const fg = rgba(style.color);
      const bg = background(el);
      const blended = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [hi, lo] = [luminance(blended), luminance(bg)].sort((a, b) => b - a);
      const ratio = (hi! + 0.05) / (lo! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const key = `${style.color}|${JSON.stringify(bg)}|${large}`;
      if (ratio < (large ? 3 : 4.5) && !seen.has(key)) {
        seen.add(key);
        problems.push(`contrast ${ratio.toFixed(2)}:1 for ${describe(el)} (${style.color} on rgb(${bg.r}, ${bg.g}, ${bg.b}))`);
      }
    }
    return problems;
  });
}
