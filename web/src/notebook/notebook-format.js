// The notebook document around the cells: nbformat 4.5 with the kernel's metadata.
import { KERNEL_NAME } from "../api/sessions.js";

const KERNELSPEC = { name: KERNEL_NAME, display_name: "Java (Spark + Kafka)", language: "java" };
const LANGUAGE_INFO = { name: "java", mimetype: "text/x-java", file_extension: ".java" };

export function emptyNotebook() {
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO }, cells: [] };
}

/** The notebook to save: what was loaded (metadata and unknown fields kept), with the current cells. */
export function notebookJson(loaded, cells) {
  const metadata = { ...(loaded.metadata || {}) };
  metadata.kernelspec ??= KERNELSPEC;
  metadata.language_info ??= LANGUAGE_INFO;
  return {
    ...loaded,
    nbformat: 4,
    nbformat_minor: Math.max(5, loaded.nbformat_minor || 0),
    metadata,
    cells,
  };
}
