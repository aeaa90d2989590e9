// Device availability: one row per device, sorted by name.
import { clock } from './time.js';

export class Devices {
  constructor(tableBody) {
    this.tableBody = tableBody;
  }

  reset(devices) {
    this.tableBody.replaceChildren();
    devices.forEach(d => this.update(d));
  }

  update(availability) {
    const id = availability.device;
    let tr = [...this.tableBody.children].find(row => row.dataset.device === id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.device = id;
      tr.append(...[0, 1, 2, 3].map(() => document.createElement('td')));
      const after = [...this.tableBody.children].find(row => row.dataset.device > id);
      this.tableBody.insertBefore(tr, after ?? null);
    }
    const [name, state, seen, reason] = tr.children;
    name.textContent = id;
    state.textContent = availability.online ? 'online' : 'offline';
    state.className = availability.online ? 'online' : 'offline';
    seen.textContent = availability.lastSeen ? clock(availability.lastSeen) : '';
    reason.textContent = availability.reason ?? '';
  }
}
