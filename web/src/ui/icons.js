// Small inline SVG icons (static markup, no user data), drawn with currentColor.
const PATHS = {
  play: "M7 4.5v15l12-7.5z",
  playAll: "M3 5v14l8-7zM12 5v14l8-7z",
  stop: "M6 6h12v12H6z",
  restart: "M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z",
  save: "M5 3h11l4 4v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 1-2zm2 2v5h8V5zm5 9a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z",
  plus: "M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z",
  up: "M12 6l-6 6h4v6h4v-6h4z",
  down: "M12 18l6-6h-4V6h-4v6H6z",
  trash: "M8 4h8l1 2h4v2H3V6h4zm-2 5h12l-1 11H7z",
  notebook: "M6 3h10l4 4v14H6zm9 1.5V8h3.5zM8 12h8v1.5H8zm0 3h8v1.5H8z",
  folder: "M3 6a2 2 0 0 1 2-2h5l2 2h7a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z",
  file: "M6 3h9l5 5v13H6zm8 1.5V9h4.5z",
  edit: "M4 17.5V20h2.5L17 9.5 14.5 7zM19.7 6.8a1 1 0 0 0 0-1.4l-1.1-1.1a1 1 0 0 0-1.4 0l-1 1L18.7 7.8z",
  topics: "M4 5h16v3H4zm0 5.5h16v3H4zM4 16h16v3H4z",
  streams: "M4 14h3v6H4zm6-6h3v12h-3zm6-4h3v16h-3z",
  jobs: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm-1 3v6.6l5.2 3.1 1-1.7-4.2-2.5V7z",
  pipeline: "M3 19h18v2H3zm1.6-2.4L9 10l4 3 5.2-8.2 1.7 1.1-6.4 10-4-3-3.2 4.8z",
  export: "M12 3l5 5h-3.5v6h-3V8H7zM5 15h2v4h10v-4h2v6H5z",
  power: "M11 3h2v9h-2zM7.1 5.6l1.4 1.4A6 6 0 1 0 15.5 7l1.4-1.4A8 8 0 1 1 7.1 5.6z",
};

export function icon(name) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "icon");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", PATHS[name]);
  svg.append(path);
  return svg;
}
