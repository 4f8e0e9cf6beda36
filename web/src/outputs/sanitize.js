// The only way HTML from kernels and notebooks reaches the page: DOMPurify, without scripts, handlers or styles
// that escape the output. The page's CSP (no inline scripts) is the second line of defence.
import DOMPurify from "dompurify";
import { marked } from "marked";

const CONFIG = { FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"], FORBID_ATTR: ["action"] };

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.hasAttribute("href")) {
    const href = node.getAttribute("href");
    if (!href.startsWith("#")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
  }
});

/** A fragment of sanitized HTML. */
export function sanitizedFragment(html) {
  return DOMPurify.sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}

export function markdownFragment(source) {
  return sanitizedFragment(marked.parse(source, { async: false, gfm: true }));
}
