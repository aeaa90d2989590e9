// The event list, newest first, at most MAX_EVENTS long.
import { clock } from './time.js';

const MAX_EVENTS = 100;

export class Events {
  constructor(list) {
    this.list = list;
  }

  /** {@code events} newest first, as in the snapshot. */
  reset(events) {
    this.list.replaceChildren(...events.slice(0, MAX_EVENTS).map(item));
  }

  add(event) {
    this.list.prepend(item(event));
    while (this.list.children.length > MAX_EVENTS) {
      this.list.lastElementChild.remove();
    }
  }
}

function item(event) {
  const li = document.createElement('li');
  li.className = event.severity ?? 'info';
  const time = document.createElement('time');
  time.textContent = clock(event.at);
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = event.kind;
  li.append(time, kind, `${event.subject ?? ''}: ${event.detail ?? ''}`);
  return li;
}
