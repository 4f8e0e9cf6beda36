// display_id to the outputs that show it, across all cells: update_display_data replaces each of them.

export class DisplayRegistry {
  constructor() {
    this.byId = new Map();
  }

  register(displayId, area, entry) {
    if (!this.byId.has(displayId)) this.byId.set(displayId, new Set());
    this.byId.get(displayId).add({ area, entry });
  }

  forget(displayId, entry) {
    const shown = this.byId.get(displayId);
    if (!shown) return;
    for (const s of shown) if (s.entry === entry) shown.delete(s);
    if (shown.size === 0) this.byId.delete(displayId);
  }

  /** Replaces every output with this display_id; false if none is shown. */
  update(displayId, data, metadata) {
    const shown = this.byId.get(displayId);
    if (!shown || shown.size === 0) return false;
    for (const { area, entry } of shown) area.replace(entry, data, metadata);
    return true;
  }
}
